-- A payload is only ever handed back as the worker wrote it (spliced into answers and events), never
-- queried inside: text keeps it byte for byte (jsonb reorders keys) and costs no parsing per result.
ALTER TABLE simulation_event ALTER COLUMN payload TYPE text USING payload::text;
