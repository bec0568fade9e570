-- Simulations accepted by any gateway replica, kept until expires_at so that a result can be
-- fetched again or shared by id.
CREATE TABLE simulation (
    id          uuid        PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind IN ('SINGLE', 'BUNDLE')),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL
);

CREATE INDEX simulation_expires_at ON simulation (expires_at);

-- The results as the workers published them; (simulation_id, sequence) makes a redelivered
-- result a no-op.
CREATE TABLE simulation_event (
    simulation_id  uuid    NOT NULL REFERENCES simulation (id) ON DELETE CASCADE,
    sequence       integer NOT NULL,
    type           text    NOT NULL CHECK (type IN ('TRANSACTION', 'SUMMARY', 'ERROR')),
    tx_index       integer,
    outcome        text    NOT NULL,
    payload        jsonb   NOT NULL,
    PRIMARY KEY (simulation_id, sequence)
);
