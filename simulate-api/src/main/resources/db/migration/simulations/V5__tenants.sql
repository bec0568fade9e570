-- API keys (EVMSIM_AUTH=keys). A key is shown once, when created; only its SHA-256 is kept (a key is
-- 256 random bits, so a fast hash is as safe as a slow one), with its first characters to recognise it by.
CREATE TABLE api_key (
    id                   uuid        PRIMARY KEY,
    name                 text        NOT NULL,
    key_hash             bytea       NOT NULL UNIQUE,
    key_prefix           text        NOT NULL,
    requests_per_second  integer     NOT NULL CHECK (requests_per_second > 0),
    gas_per_day          bigint      NOT NULL CHECK (gas_per_day > 0),
    -- raised by every change of the quotas, so that each replica's rate limiter takes the new rate
    version              integer     NOT NULL DEFAULT 1,
    created_at           timestamptz NOT NULL,
    revoked_at           timestamptz
);

-- Gas simulated per key and UTC day, charged when a simulation's final result is stored.
CREATE TABLE api_key_gas (
    key_id    uuid   NOT NULL REFERENCES api_key (id),
    day       date   NOT NULL,
    gas_used  bigint NOT NULL,
    PRIMARY KEY (key_id, day)
);

-- The key that created a simulation; a result is readable by that key, or by anyone once shared. Kept
-- apart from simulation, whose row is written only with the final result.
CREATE TABLE simulation_owner (
    simulation_id  uuid        PRIMARY KEY,
    key_id         uuid        NOT NULL REFERENCES api_key (id),
    shared         boolean     NOT NULL DEFAULT false,
    expires_at     timestamptz NOT NULL
);

CREATE INDEX simulation_owner_expires_at ON simulation_owner USING brin (expires_at);

-- The request-rate token buckets, one per key, shared by every gateway replica (Bucket4j's PostgreSQL
-- backend: its state is Bucket4j's own serialisation; expires_at, epoch milliseconds, lets idle buckets go).
CREATE TABLE api_key_bucket (
    id          text   PRIMARY KEY,
    state       bytea,
    expires_at  bigint
);
