-- State at a block never changes, so it is kept by block hash: a value cached under one hash is never served
-- for another (reorg-safe). Code is content-addressed by its hash. cached_at drives retention.

CREATE TABLE block_header (
    hash            bytea       PRIMARY KEY,
    number          bigint      NOT NULL,
    parent_hash     bytea       NOT NULL,
    state_root      bytea       NOT NULL,
    timestamp       bigint      NOT NULL,
    base_fee        bytea       NOT NULL,
    gas_limit       bigint      NOT NULL,
    coinbase        bytea       NOT NULL,
    prev_randao     bytea       NOT NULL,
    excess_blob_gas bigint      NOT NULL,
    chain_id        bigint      NOT NULL,
    cached_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX block_header_number ON block_header (number);
CREATE INDEX block_header_cached_at ON block_header (cached_at);

CREATE TABLE account_state (
    block_hash   bytea       NOT NULL,
    address      bytea       NOT NULL,
    present      boolean     NOT NULL,
    nonce        bigint      NOT NULL,
    balance      bytea       NOT NULL,
    code_hash    bytea       NOT NULL,
    -- null when the upstream served no proofs, so the storage root could not be known
    storage_root bytea,
    cached_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (block_hash, address)
);
CREATE INDEX account_state_cached_at ON account_state (cached_at);

CREATE TABLE storage_slot (
    block_hash bytea       NOT NULL,
    address    bytea       NOT NULL,
    slot       bytea       NOT NULL,
    value      bytea       NOT NULL,
    cached_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (block_hash, address, slot)
);
CREATE INDEX storage_slot_cached_at ON storage_slot (cached_at);

CREATE TABLE contract_code (
    code_hash bytea       PRIMARY KEY,
    code      bytea       NOT NULL,
    cached_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contract_code_cached_at ON contract_code (cached_at);
