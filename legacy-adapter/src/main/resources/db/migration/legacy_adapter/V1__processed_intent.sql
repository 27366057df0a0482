-- The intents the legacy adapter has processed, with the outcome events it published for each.
-- A redelivered intent re-publishes these events instead of calling the legacy platform again.
-- JSON, not JSONB: the events are kept exactly as first written (key order included), so a
-- re-published outcome is byte for byte the one published first.
CREATE TABLE processed_intent (
    intent_event_id TEXT        PRIMARY KEY,
    correlation_id  TEXT        NOT NULL,
    outcomes        JSON        NOT NULL,
    processed_at    TIMESTAMPTZ NOT NULL
);

CREATE INDEX processed_intent_correlation_id_idx ON processed_intent (correlation_id);
CREATE INDEX processed_intent_processed_at_idx ON processed_intent (processed_at);
