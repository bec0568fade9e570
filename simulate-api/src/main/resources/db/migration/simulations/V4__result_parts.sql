-- The parts of a result that travelled in several Kafka records (a result larger than one record), kept
-- until every part of its set is in and the result is stored whole in simulation_event. A set never
-- completed (its worker stopped half-way; the request ran again and published a new set) goes with the
-- retention sweep.
CREATE TABLE simulation_event_part (
    simulation_id  uuid        NOT NULL,
    sequence       integer     NOT NULL,
    part_set       text        NOT NULL,
    part_index     integer     NOT NULL,
    part_count     integer     NOT NULL,
    payload        text        NOT NULL,
    expires_at     timestamptz NOT NULL,
    PRIMARY KEY (simulation_id, sequence, part_set, part_index)
);

CREATE INDEX simulation_event_part_expires_at ON simulation_event_part USING brin (expires_at);

-- Parts are short-lived: stored out of line uncompressed, as results are.
ALTER TABLE simulation_event_part ALTER COLUMN payload SET STORAGE EXTERNAL;
