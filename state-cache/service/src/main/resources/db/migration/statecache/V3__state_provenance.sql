-- How each cached value is known (io.evmsim.common.simulation.StateProvenance): PROVEN against the block's state
-- root, PLAIN from a node without proofs, CARRIED by the head follower from the parent block, DEVNET genesis.
-- Rows cached before this column cannot say which they were, so they are dropped (a cache: they are read again).
DELETE FROM storage_slot;
DELETE FROM account_state;
ALTER TABLE account_state ADD COLUMN provenance text NOT NULL
    CHECK (provenance IN ('PROVEN', 'PLAIN', 'CARRIED', 'DEVNET'));
ALTER TABLE storage_slot ADD COLUMN provenance text NOT NULL
    CHECK (provenance IN ('PROVEN', 'PLAIN', 'CARRIED', 'DEVNET'));
