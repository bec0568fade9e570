-- Each result is written once, by whichever replica stores it, without touching its simulation's
-- row: a foreign key would lock that row for every result. A result carries its own expiry for the
-- retention sweep, and may arrive before its simulation's row.
ALTER TABLE simulation_event DROP CONSTRAINT simulation_event_simulation_id_fkey;
ALTER TABLE simulation_event ADD COLUMN expires_at timestamptz;
UPDATE simulation_event e SET expires_at = s.expires_at FROM simulation s WHERE s.id = e.simulation_id;
DELETE FROM simulation_event WHERE expires_at IS NULL;
ALTER TABLE simulation_event ALTER COLUMN expires_at SET NOT NULL;

-- Rows arrive in about the order they expire: a BRIN index serves the sweep at almost no cost per insert.
DROP INDEX simulation_expires_at;
CREATE INDEX simulation_expires_at ON simulation USING brin (expires_at);
CREATE INDEX simulation_event_expires_at ON simulation_event USING brin (expires_at);

-- A result (a few KB of JSON) stays in its row, uncompressed: compressing it and moving it to the
-- TOAST table would cost CPU on every insert, for rows kept days rather than years. Only rows larger
-- than a page are moved out, still uncompressed.
ALTER TABLE simulation_event ALTER COLUMN payload SET STORAGE EXTERNAL;
ALTER TABLE simulation_event SET (toast_tuple_target = 8160);
