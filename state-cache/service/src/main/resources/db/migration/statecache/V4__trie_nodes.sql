-- The trie nodes that proved fetched state (eth_getProof, EIP-1186), content-addressed by keccak256 of their RLP:
-- one row per node whatever block or trie holds it, so the witness of any set of keys read at a block can be
-- rebuilt by walking from the block's state root. cached_at drives retention (as state's).

CREATE TABLE trie_node (
    node_hash bytea       PRIMARY KEY,
    node      bytea       NOT NULL,
    cached_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX trie_node_cached_at ON trie_node (cached_at);
