package io.evmsim.statecache.cache;

import io.evmsim.common.simulation.StateProvenance;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.cache.PostgresAvailability.Operation;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.state.AccountState;
import io.evmsim.statecache.state.AccountUpdate;
import io.evmsim.statecache.state.SlotKey;
import io.evmsim.statecache.state.SlotValue;
import io.evmsim.statecache.state.StateStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The PostgreSQL tier (schema by Flyway, V1__state_cache.sql, V4__trie_nodes.sql). Writes never overwrite: state under a block
 * hash, and code under its hash, cannot change. Words are stored as 32 bytes. While the database is
 * unavailable, reads miss and writes are dropped ({@link PostgresAvailability}).
 */
public class PostgresStore implements StateStore {
    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;
    private final TransactionTemplate transactions;
    private final PostgresAvailability availability;

    public PostgresStore(JdbcTemplate jdbc, TransactionTemplate transactions, MeterRegistry meters,
            PostgresAvailability availability) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.meters = meters;
        this.availability = availability;
    }

    @Override
    public String tier() {
        return "postgres";
    }

    @Override
    public Map<Address, AccountState> accounts(Hash block, Collection<Address> addresses) {
        if (addresses.isEmpty()) {
            return new HashMap<>();
        }
        return availability.attempt(Operation.READ, Map.of(), () -> {
            Map<Address, AccountState> found = new HashMap<>();
            jdbc.query("SELECT address, present, nonce, balance, code_hash, storage_root, provenance FROM account_state "
                    + "WHERE block_hash = ? AND address = ANY(?)", ps -> {
                        ps.setBytes(1, block.toArray());
                        ps.setArray(2, byteas(ps, addresses.stream().map(Address::toArray).toList()));
                    }, (ResultSet row) -> {
                        byte[] storageRoot = row.getBytes(6);
                        found.put(Address.wrap(row.getBytes(1)), new AccountState(row.getBoolean(2), row.getLong(3),
                                UInt256.fromBytes(row.getBytes(4)), Hash.wrap(row.getBytes(5)),
                                storageRoot == null ? null : Hash.wrap(storageRoot),
                                StateProvenance.valueOf(row.getString(7))));
                    });
            return found;
        });
    }

    @Override
    public Map<SlotKey, SlotValue> slots(Hash block, Collection<SlotKey> slots) {
        if (slots.isEmpty()) {
            return new HashMap<>();
        }
        return availability.attempt(Operation.READ, Map.of(), () -> {
            Map<SlotKey, SlotValue> found = new HashMap<>();
            jdbc.query("SELECT address, slot, value, provenance FROM storage_slot WHERE block_hash = ? "
                    + "AND (address, slot) IN (SELECT * FROM unnest(?::bytea[], ?::bytea[]))", ps -> {
                        ps.setBytes(1, block.toArray());
                        ps.setArray(2, byteas(ps, slots.stream().map(key -> key.address().toArray()).toList()));
                        ps.setArray(3, byteas(ps, slots.stream().map(key -> key.slot().toBytes32()).toList()));
                    }, (ResultSet row) -> {
                        found.put(new SlotKey(Address.wrap(row.getBytes(1)), UInt256.fromBytes(row.getBytes(2))),
                                new SlotValue(UInt256.fromBytes(row.getBytes(3)),
                                        StateProvenance.valueOf(row.getString(4))));
                    });
            return found;
        });
    }

    @Override
    public Map<Hash, byte[]> code(Collection<Hash> codeHashes) {
        if (codeHashes.isEmpty()) {
            return new HashMap<>();
        }
        return availability.attempt(Operation.READ, Map.of(), () -> {
            Map<Hash, byte[]> found = new HashMap<>();
            jdbc.query("SELECT code_hash, code FROM contract_code WHERE code_hash = ANY(?)",
                    ps -> ps.setArray(1, byteas(ps, codeHashes.stream().map(Hash::toArray).toList())),
                    (ResultSet row) -> {
                        found.put(Hash.wrap(row.getBytes(1)), row.getBytes(2));
                    });
            return found;
        });
    }

    @Override
    public void putAccounts(Hash block, Map<Address, AccountState> accounts) {
        if (accounts.isEmpty()) {
            return;
        }
        availability.attempt(Operation.WRITE, () -> {
            List<Object[]> rows = new ArrayList<>();
            accounts.forEach((address, account) -> rows.add(new Object[] {block.toArray(), address.toArray(),
                    account.exists(), account.nonce(), account.balance().toBytes32(), account.codeHash().toArray(),
                    account.storageRoot() == null ? null : account.storageRoot().toArray(),
                    account.provenance().name()}));
            jdbc.batchUpdate("INSERT INTO account_state (block_hash, address, present, nonce, balance, code_hash, "
                    + "storage_root, provenance) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", rows);
            countBytes("state", rows.size() * (32L + 20 + 1 + 8 + 32 + 32 + 32));
        });
    }

    @Override
    public void putSlots(Hash block, Map<SlotKey, SlotValue> slots) {
        if (slots.isEmpty()) {
            return;
        }
        availability.attempt(Operation.WRITE, () -> {
            List<Object[]> rows = new ArrayList<>();
            slots.forEach((key, value) -> rows.add(new Object[] {block.toArray(), key.address().toArray(),
                    key.slot().toBytes32(), value.value().toBytes32(), value.provenance().name()}));
            jdbc.batchUpdate("INSERT INTO storage_slot (block_hash, address, slot, value, provenance) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING", rows);
            countBytes("state", rows.size() * (32L + 20 + 32 + 32));
        });
    }

    @Override
    public void putCode(Map<Hash, byte[]> code) {
        if (code.isEmpty()) {
            return;
        }
        availability.attempt(Operation.WRITE, () -> {
            List<Object[]> rows = new ArrayList<>();
            long bytes = 0;
            for (Map.Entry<Hash, byte[]> entry : code.entrySet()) {
                rows.add(new Object[] {entry.getKey().toArray(), entry.getValue()});
                bytes += Hash.SIZE + entry.getValue().length;
            }
            jdbc.batchUpdate("INSERT INTO contract_code (code_hash, code) VALUES (?, ?) ON CONFLICT DO NOTHING", rows);
            countBytes("code", bytes);
        });
    }

    @Override
    public Map<Hash, byte[]> trieNodes(Collection<Hash> hashes) {
        if (hashes.isEmpty()) {
            return new HashMap<>();
        }
        return availability.attempt(Operation.READ, Map.of(), () -> {
            Map<Hash, byte[]> found = new HashMap<>();
            jdbc.query("SELECT node_hash, node FROM trie_node WHERE node_hash = ANY(?)",
                    ps -> ps.setArray(1, byteas(ps, hashes.stream().map(Hash::toArray).toList())),
                    (ResultSet row) -> {
                        found.put(Hash.wrap(row.getBytes(1)), row.getBytes(2));
                    });
            return found;
        });
    }

    @Override
    public void putTrieNodes(Map<Hash, byte[]> nodes) {
        if (nodes.isEmpty()) {
            return;
        }
        availability.attempt(Operation.WRITE, () -> {
            List<Object[]> rows = new ArrayList<>();
            long bytes = 0;
            for (Map.Entry<Hash, byte[]> entry : nodes.entrySet()) {
                rows.add(new Object[] {entry.getKey().toArray(), entry.getValue()});
                bytes += Hash.SIZE + entry.getValue().length;
            }
            jdbc.batchUpdate("INSERT INTO trie_node (node_hash, node) VALUES (?, ?) ON CONFLICT DO NOTHING", rows);
            countBytes("trie_node", bytes);
        });
    }

    public Optional<BlockHeader> header(Hash hash) {
        return availability.attempt(Operation.READ, Optional.<BlockHeader>empty(), () -> {
            return jdbc.query("SELECT number, hash, parent_hash, state_root, timestamp, base_fee, gas_limit, coinbase, "
                    + "prev_randao, excess_blob_gas, chain_id FROM block_header WHERE hash = ?",
                    (ResultSet row, int n) -> new BlockHeader(row.getLong(1), Hash.wrap(row.getBytes(2)),
                            Hash.wrap(row.getBytes(3)), Hash.wrap(row.getBytes(4)), row.getLong(5),
                            UInt256.fromBytes(row.getBytes(6)), row.getLong(7), Address.wrap(row.getBytes(8)),
                            Hash.wrap(row.getBytes(9)), row.getLong(10), row.getLong(11)),
                    (Object) hash.toArray()).stream().findFirst();
        });
    }

    public void putHeader(BlockHeader header) {
        availability.attempt(Operation.WRITE, () -> {
            jdbc.update("INSERT INTO block_header (hash, number, parent_hash, state_root, timestamp, base_fee, gas_limit, "
                    + "coinbase, prev_randao, excess_blob_gas, chain_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING", header.hash().toArray(), header.number(), header.parentHash().toArray(),
                    header.stateRoot().toArray(), header.timestamp(), header.baseFee().toBytes32(), header.gasLimit(),
                    header.coinbase().toArray(), header.prevRandao().toArray(), header.excessBlobGas(), header.chainId());
        });
    }

    /**
     * Carries the state cached at {@code parent} to its child block: rows fetched within {@code hotWindow} are
     * copied (keeping their fetch time), except those of {@code dropAccounts} (account rows) and
     * {@code wiped} (account and storage rows); then the changed fields and slots are written. Every row written
     * here is CARRIED: a trace's word, not proven against the child's state root.
     */
    public int carryForward(Hash parent, Hash child, Duration hotWindow, Set<Address> dropAccounts,
            Set<Address> wiped, Map<Address, AccountUpdate> updates, Map<SlotKey, UInt256> slots) {
        return availability.attempt(Operation.WRITE, 0, () -> {
            return transactions.execute(status -> {
                Set<Address> noAccountRow = new HashSet<>(dropAccounts);
                noAccountRow.addAll(wiped);
                double hotSeconds = hotWindow.toMillis() / 1000.0;
                int carried = jdbc.update(con -> {
                    PreparedStatement ps = con.prepareStatement("INSERT INTO account_state (block_hash, address, present, "
                            + "nonce, balance, code_hash, storage_root, cached_at, provenance) SELECT ?, address, present, "
                            + "nonce, balance, code_hash, storage_root, cached_at, 'CARRIED' FROM account_state WHERE block_hash = ? AND NOT "
                            + "(address = ANY(?)) AND cached_at > now() - make_interval(secs => ?) ON CONFLICT DO NOTHING");
                    ps.setBytes(1, child.toArray());
                    ps.setBytes(2, parent.toArray());
                    ps.setArray(3, byteas(ps, noAccountRow.stream().map(Address::toArray).toList()));
                    ps.setDouble(4, hotSeconds);
                    return ps;
                });
                carried += jdbc.update(con -> {
                    PreparedStatement ps = con.prepareStatement("INSERT INTO storage_slot (block_hash, address, slot, value, "
                            + "cached_at, provenance) SELECT ?, address, slot, value, cached_at, 'CARRIED' FROM storage_slot WHERE block_hash = ? "
                            + "AND NOT (address = ANY(?)) AND cached_at > now() - make_interval(secs => ?) "
                            + "ON CONFLICT DO NOTHING");
                    ps.setBytes(1, child.toArray());
                    ps.setBytes(2, parent.toArray());
                    ps.setArray(3, byteas(ps, wiped.stream().map(Address::toArray).toList()));
                    ps.setDouble(4, hotSeconds);
                    return ps;
                });
                List<Object[]> accountRows = new ArrayList<>();
                updates.forEach((address, update) -> {
                    if (!noAccountRow.contains(address)) {
                        accountRows.add(new Object[] {update.balance() == null ? null : update.balance().toBytes32(),
                                update.nonce(), update.codeHash() == null ? null : update.codeHash().toArray(),
                                child.toArray(), address.toArray()});
                    }
                });
                jdbc.batchUpdate("UPDATE account_state SET balance = COALESCE(?, balance), nonce = COALESCE(?, nonce), "
                        + "code_hash = COALESCE(?, code_hash) WHERE block_hash = ? AND address = ?", accountRows);
                List<Object[]> slotRows = new ArrayList<>();
                slots.forEach((key, value) -> {
                    if (!wiped.contains(key.address())) {
                        slotRows.add(new Object[] {child.toArray(), key.address().toArray(), key.slot().toBytes32(),
                                value.toBytes32()});
                    }
                });
                // Only slots already carried are updated: a slot never read is not hot.
                jdbc.batchUpdate("UPDATE storage_slot SET value = ? WHERE block_hash = ? AND address = ? AND slot = ?",
                        slotRows.stream().map(row -> new Object[] {row[3], row[0], row[1], row[2]}).toList());
                return carried;
            });
        });
    }

    /** Deletes state, trie nodes and headers older than {@code retention}, code older than {@code codeRetention}. */
    public int deleteExpired(Duration retention, Duration codeRetention) {
        return availability.attempt(Operation.MAINTENANCE, 0, () -> {
            String olderThan = " WHERE cached_at < now() - make_interval(secs => ?)";
            double state = retention.toMillis() / 1000.0;
            return jdbc.update("DELETE FROM storage_slot" + olderThan, state)
                    + jdbc.update("DELETE FROM account_state" + olderThan, state)
                    + jdbc.update("DELETE FROM block_header" + olderThan, state)
                    + jdbc.update("DELETE FROM trie_node" + olderThan, state)
                    + jdbc.update("DELETE FROM contract_code" + olderThan, codeRetention.toMillis() / 1000.0);
        });
    }

    private void countBytes(String kind, long bytes) {
        meters.counter("evmsim.statecache.bytes.cached", "kind", kind).increment(bytes);
    }

    private static Array byteas(PreparedStatement ps, List<byte[]> values) throws SQLException {
        return ps.getConnection().createArrayOf("bytea", values.toArray(new byte[0][]));
    }
}
