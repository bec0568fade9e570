package io.evmsim.evm.trace.prestate;

import static io.evmsim.evm.opcode.Opcodes.CREATE;
import static io.evmsim.evm.opcode.Opcodes.CREATE2;
import static io.evmsim.evm.opcode.Opcodes.SELFDESTRUCT;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.interpreter.ContractAddress;
import io.evmsim.evm.interpreter.Frame;
import io.evmsim.evm.opcode.OpcodeSet;
import io.evmsim.evm.state.Account;
import io.evmsim.evm.state.Code;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.trace.ExecutionTracer;
import io.evmsim.evm.trace.StateReferences;
import io.evmsim.evm.transaction.Authorization;
import io.evmsim.evm.transaction.EvmTransaction;
import io.evmsim.evm.transaction.TransactionResult;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The accounts and slots one transaction looked at, with what they held before it, with the
 * semantics of geth's {@code prestateTracer} ({@code eth/tracers/native/prestate.go}): the sender,
 * the recipient (or the address being created), the coinbase and EIP-7702 authorities when the
 * transaction starts; then the target of every BALANCE, EXTCODE*, SELFDESTRUCT, CALL family and
 * CREATE/CREATE2 instruction and every slot SLOAD or SSTORE names, read from the
 * {@link JournaledState} at the moment they are first named, before the instruction changes them.
 * In a bundle, "before" is after the earlier transactions.
 */
public final class PrestateTracer implements ExecutionTracer {
    /** Twice EIP-3860's initcode limit: beyond it a CREATE2 fails before geth's tracer could hash it. */
    private static final long MAX_HASHED_INITCODE = 2 * 49_152;
    /** What names state, and the creations whose address it derives. */
    private static final OpcodeSet STEPS = StateReferences.NAMING.union(OpcodeSet.of(CREATE, CREATE2));

    private final JournaledState state;
    private final Map<Address, Looked> pre = new LinkedHashMap<>();
    private final Set<Address> created = new HashSet<>();
    private final Set<Address> deleted = new HashSet<>();
    /** What an instruction names is looked up before it runs. */
    private final StateReferences.Sink references = new StateReferences.Sink() {
        @Override
        public void account(Address address) {
            lookup(address);
        }

        @Override
        public void slot(Address account, UInt256 key) {
            lookupStorage(account, key);
        }
    };
    private boolean finished;

    /** What one account held when first named. */
    private static final class Looked {
        final UInt256 balance;
        final long nonce;
        final Code code;
        final Map<UInt256, UInt256> storage = new LinkedHashMap<>();

        Looked(Account account) {
            balance = account.balance();
            nonce = account.nonce();
            code = account.code();
        }

        /** geth's {@code exists()} at lookup time (storage is not yet known then). */
        boolean empty() {
            return nonce == 0 && code.size() == 0 && balance.isZero();
        }
    }

    public PrestateTracer(JournaledState state) {
        this.state = state;
    }

    @Override
    public void onTransactionStart(EvmTransaction tx, BlockContext block) {
        Address to = tx.to();
        if (tx.isCreate()) {
            to = ContractAddress.fromNonce(tx.sender(), state.account(tx.sender()).nonce());
            created.add(to);
        }
        lookup(tx.sender());
        lookup(to);
        lookup(block.coinbase());
        for (Authorization auth : tx.authorizationList()) {
            if (auth.authority() != null) {
                lookup(auth.authority());
            }
        }
    }

    @Override
    public void onTransactionEnd(EvmTransaction tx, TransactionResult result) {
        finished = true;
    }

    @Override
    public OpcodeSet steps() {
        return STEPS;
    }

    @Override
    public void onStep(Frame frame, int opcode) {
        StateReferences.named(frame, opcode, references);
        int size = frame.stackSize();
        switch (opcode) {
            case SELFDESTRUCT -> {
                // EIP-6780: only a contract created in this transaction is removed; one that existed
                // before keeps its account and shows in post with what it became (geth since 2025-10)
                if (size >= 1 && created.contains(frame.recipient())) {
                    deleted.add(frame.recipient());
                }
            }
            case CREATE -> {
                Address address = ContractAddress.fromNonce(frame.recipient(),
                        state.account(frame.recipient()).nonce());
                lookup(address);
                created.add(address);
            }
            case CREATE2 -> {
                if (size >= 4) {
                    lookupCreate2(frame);
                }
            }
            default -> {
            }
        }
    }

    private void lookupCreate2(Frame frame) {
        UInt256 offset = frame.peek(1);
        UInt256 length = frame.peek(2);
        if (!offset.fitsLong() || !length.fitsLong() || length.toLong() > MAX_HASHED_INITCODE
                || offset.toLong() > Integer.MAX_VALUE) {
            return;
        }
        byte[] initcode = paddedMemory(frame, (int) offset.toLong(), (int) length.toLong());
        Address address = ContractAddress.fromSalt(frame.recipient(), frame.peek(3), Keccak.keccak256(initcode));
        lookup(address);
        created.add(address);
    }

    private static byte[] paddedMemory(Frame frame, int offset, int length) {
        byte[] copy = new byte[length];
        int available = Math.max(0, Math.min(length, frame.memory().size() - offset));
        if (available > 0) {
            System.arraycopy(frame.memory().data(), offset, copy, 0, available);
        }
        return copy;
    }

    private void lookup(Address address) {
        pre.computeIfAbsent(address, a -> new Looked(state.account(a)));
    }

    private void lookupStorage(Address address, UInt256 key) {
        Looked looked = pre.get(address);
        if (looked == null) { // a frame's own account is always named before its code runs; be safe
            lookup(address);
            looked = pre.get(address);
        }
        if (!looked.storage.containsKey(key)) {
            looked.storage.put(key, state.slot(state.account(address), key).current());
        }
    }

    /** Default mode: every account and slot named, as it was; a created account that was empty is left out. */
    public SortedMap<Address, AccountSnapshot> prestate() {
        SortedMap<Address, AccountSnapshot> result = new TreeMap<>();
        pre.forEach((address, looked) -> {
            if (created.contains(address) && looked.empty()) {
                return;
            }
            result.put(address, new AccountSnapshot(looked.balance, looked.nonce, nonEmpty(looked.code),
                    new TreeMap<>(looked.storage)));
        });
        return result;
    }

    /**
     * Diff mode: read after the transaction finished (fees paid, removals done). Only accounts
     * that changed appear; in {@code pre} only their changed, non-zero slots.
     */
    public StateDiff diff() {
        if (!finished) {
            throw new IllegalStateException("the state diff is read after the transaction ends");
        }
        SortedMap<Address, AccountSnapshot> before = new TreeMap<>();
        SortedMap<Address, AccountSnapshot> after = new TreeMap<>();
        pre.forEach((address, looked) -> {
            if (deleted.contains(address)) {
                if (!(created.contains(address) && looked.empty())) {
                    before.put(address, new AccountSnapshot(looked.balance, looked.nonce, nonEmpty(looked.code),
                            new TreeMap<>(looked.storage)));
                }
                return;
            }
            Account now = state.account(address);
            boolean modified = false;
            UInt256 balance = null;
            long nonce = 0;
            Code code = null;
            if (!now.balance().equals(looked.balance)) {
                modified = true;
                balance = now.balance();
            }
            if (now.nonce() != looked.nonce) {
                modified = true;
                nonce = now.nonce();
            }
            if (!Arrays.equals(now.code().bytes(), looked.code.bytes())) {
                modified = true;
                code = nonEmpty(now.code());
            }
            SortedMap<UInt256, UInt256> changedBefore = new TreeMap<>();
            SortedMap<UInt256, UInt256> changedAfter = new TreeMap<>();
            for (Map.Entry<UInt256, UInt256> slot : looked.storage.entrySet()) {
                UInt256 current = state.slot(now, slot.getKey()).current();
                if (current.equals(slot.getValue())) {
                    continue;
                }
                modified = true;
                if (!slot.getValue().isZero()) {
                    changedBefore.put(slot.getKey(), slot.getValue());
                }
                if (!current.isZero()) {
                    changedAfter.put(slot.getKey(), current);
                }
            }
            if (!modified) {
                return;
            }
            after.put(address, new AccountSnapshot(balance, nonce, code, changedAfter));
            if (!(created.contains(address) && looked.empty())) {
                before.put(address, new AccountSnapshot(looked.balance, looked.nonce, nonEmpty(looked.code),
                        changedBefore));
            }
        });
        return new StateDiff(before, after);
    }

    private static Code nonEmpty(Code code) {
        return code.size() == 0 ? null : code;
    }
}
