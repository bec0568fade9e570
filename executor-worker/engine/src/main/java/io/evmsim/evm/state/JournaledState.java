package io.evmsim.evm.state;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;

/**
 * The state one execution works on: accounts loaded on first use from a {@link WorldState}, every
 * change recorded in a journal so that a failing call frame can be undone to its snapshot
 * (balances, nonces, code, storage, transient storage, logs, created accounts, warm sets and the
 * refund counter). Transactions run one after another on the same instance (a bundle), each
 * closed by {@link #finishTransaction()}.
 */
public final class JournaledState {
    /** RIPEMD-160's address: a touch of it survives a revert, as mainnet block 2675119 fixed forever. */
    private static final Address RIPEMD160 = Address.fromLong(3);

    private final WorldState source;
    private final CodeCache codeCache;
    private final HashMap<Address, Account> accounts = new HashMap<>();
    private final ArrayList<Runnable> journal = new ArrayList<>();
    private final ArrayList<Log> logs = new ArrayList<>();
    private final HashMap<Address, HashMap<UInt256, UInt256>> transientStorage = new HashMap<>();
    private long refund;

    public JournaledState(WorldState source, CodeCache codeCache) {
        this.source = source;
        this.codeCache = codeCache;
    }

    /** The account, loaded from the source on first use; a missing account reads as empty. */
    public Account account(Address address) {
        Account account = accounts.get(address);
        if (account == null) {
            account = new Account(address);
            AccountState state = source.account(address);
            if (state == null) {
                account.balance = UInt256.ZERO;
                account.code = Code.EMPTY;
                account.storageEmptyInSource = true;
            } else {
                account.exists = true;
                account.nonce = state.nonce();
                account.balance = state.balance();
                account.code = codeCache.get(state.codeHash(), () -> source.code(address, state.codeHash()));
                account.storageEmptyInSource = state.storageEmpty();
            }
            accounts.put(address, account);
        }
        return account;
    }

    /** Whether the account was loaded already: reading it would not ask the source. */
    public boolean isLoaded(Address address) {
        return accounts.containsKey(address);
    }

    public Collection<Account> loadedAccounts() {
        return accounts.values();
    }

    // ---- warm sets (EIP-2929) -------------------------------------------------------------

    /** Marks the account warm; true when it was cold, which is what a caller charges for. */
    public boolean warmAccount(Address address) {
        Account account = account(address);
        if (account.warm) {
            return false;
        }
        account.warm = true;
        journal.add(() -> account.warm = false);
        return true;
    }

    public boolean isWarm(Address address) {
        Account account = accounts.get(address);
        return account != null && account.warm;
    }

    /** The slot, loaded on first use. */
    public StorageSlot slot(Account account, UInt256 key) {
        StorageSlot slot = account.storage.get(key);
        if (slot == null) {
            UInt256 value = account.storageCleared || account.storageEmptyInSource
                    ? UInt256.ZERO : source.storage(account.address, key);
            slot = new StorageSlot(value);
            account.storage.put(key, slot);
        }
        return slot;
    }

    /** Marks the slot warm; true when it was cold. */
    public boolean warmSlot(StorageSlot slot) {
        if (slot.warm) {
            return false;
        }
        slot.warm = true;
        journal.add(() -> slot.warm = false);
        return true;
    }

    // ---- account changes -----------------------------------------------------------------

    public void setBalance(Account account, UInt256 balance) {
        UInt256 previous = account.balance;
        touch(account);
        account.balance = balance;
        journal.add(() -> account.balance = previous);
    }

    public void addBalance(Account account, UInt256 amount) {
        setBalance(account, account.balance.add(amount));
    }

    public void subtractBalance(Account account, UInt256 amount) {
        setBalance(account, account.balance.sub(amount));
    }

    /** Moves value between accounts; the caller has checked the balance. */
    public void transfer(Account from, Account to, UInt256 value) {
        subtractBalance(from, value);
        addBalance(to, value);
    }

    public void setNonce(Account account, long nonce) {
        long previous = account.nonce;
        touch(account);
        account.nonce = nonce;
        journal.add(() -> account.nonce = previous);
    }

    public void setCode(Account account, Code code) {
        Code previous = account.code;
        touch(account);
        account.code = codeCache.intern(code);
        journal.add(() -> account.code = previous);
    }

    public void setStorage(StorageSlot slot, UInt256 value) {
        UInt256 previous = slot.current;
        boolean previouslyWritten = slot.written;
        slot.current = value;
        slot.written = true;
        journal.add(() -> {
            slot.current = previous;
            slot.written = previouslyWritten;
        });
    }

    /**
     * Forgets every slot of the account, in the source and loaded: all read as zero afterwards.
     * For a state override that replaces an account's whole storage (eth_call's {@code state}).
     */
    public void clearStorage(Account account) {
        boolean previouslyCleared = account.storageCleared;
        account.storageCleared = true;
        journal.add(() -> account.storageCleared = previouslyCleared);
        for (StorageSlot slot : account.storage.values()) {
            setStorage(slot, UInt256.ZERO);
        }
    }

    /** EIP-7610: whether the account holds any storage (creation over storage is a collision). */
    public boolean hasStorage(Account account) {
        for (StorageSlot slot : account.storage.values()) {
            if (!slot.current.isZero()) {
                return true;
            }
        }
        return !account.storageCleared && !account.storageEmptyInSource;
    }

    /** Starts a contract at the address: nonce 1 (EIP-161), any balance already there kept. */
    public void createContract(Account account) {
        boolean previouslyCreated = account.createdInTransaction;
        account.createdInTransaction = true;
        journal.add(() -> account.createdInTransaction = previouslyCreated);
        setNonce(account, 1);
    }

    public void markSelfDestructed(Account account) {
        if (account.selfDestructed) {
            return;
        }
        account.selfDestructed = true;
        journal.add(() -> account.selfDestructed = false);
    }

    /** Records an EIP-161 touch, journaled except for RIPEMD-160's (see {@link #RIPEMD160}). */
    public void touch(Account account) {
        if (!account.exists) {
            account.exists = true;
            journal.add(() -> account.exists = false);
        }
        if (!account.touched) {
            account.touched = true;
            if (!account.address.equals(RIPEMD160)) {
                journal.add(() -> account.touched = false);
            }
        }
    }

    // ---- transient storage (EIP-1153), logs and refunds ------------------------------------

    public UInt256 transientValue(Address address, UInt256 key) {
        HashMap<UInt256, UInt256> slots = transientStorage.get(address);
        UInt256 value = slots == null ? null : slots.get(key);
        return value == null ? UInt256.ZERO : value;
    }

    public void setTransientValue(Address address, UInt256 key, UInt256 value) {
        HashMap<UInt256, UInt256> slots = transientStorage.computeIfAbsent(address, a -> new HashMap<>());
        UInt256 previous = slots.put(key, value);
        journal.add(() -> {
            if (previous == null) {
                slots.remove(key);
            } else {
                slots.put(key, previous);
            }
        });
    }

    public void addLog(Log log) {
        logs.add(log);
        journal.add(() -> logs.remove(logs.size() - 1));
    }

    public List<Log> logs() {
        return logs;
    }

    public long refund() {
        return refund;
    }

    public void addRefund(long delta) {
        refund += delta;
        journal.add(() -> refund -= delta);
    }

    // ---- snapshots ------------------------------------------------------------------------

    public int snapshot() {
        return journal.size();
    }

    public void revertTo(int snapshot) {
        for (int i = journal.size() - 1; i >= snapshot; i--) {
            journal.remove(i).run();
        }
    }

    /**
     * Closes a transaction: removes self-destructed accounts and touched empty ones (EIP-161,
     * EIP-6780), makes current storage the new original, and forgets warm sets, transient
     * storage, the journal and the refund counter.
     */
    public void finishTransaction() {
        for (Account account : accounts.values()) {
            if (account.selfDestructed || (account.touched && account.exists && account.isEmpty())) {
                delete(account);
            }
            account.warm = false;
            account.touched = false;
            account.createdInTransaction = false;
            account.selfDestructed = false;
            for (StorageSlot slot : account.storage.values()) {
                slot.original = slot.current;
                slot.warm = false;
            }
        }
        transientStorage.clear();
        journal.clear();
        refund = 0;
    }

    /** Logs belong to one transaction: taken out when its result is built. */
    public List<Log> takeLogs() {
        List<Log> taken = List.copyOf(logs);
        logs.clear();
        return taken;
    }

    private static void delete(Account account) {
        account.exists = false;
        account.nonce = 0;
        account.balance = UInt256.ZERO;
        account.code = Code.EMPTY;
        account.storageCleared = true;
        for (StorageSlot slot : account.storage.values()) {
            slot.current = UInt256.ZERO;
            slot.written = true;
        }
    }
}
