-- The participant kit's tables, in the participant's own schema (spring.flyway.locations lists classpath:db/participant
-- after the service's own migrations). Written to work on a fresh schema and on the tables the legacy adapter and the
-- claims service created before the kit existed (their V1/V2), hence IF NOT EXISTS throughout.

-- One row per intent decided, with the outcome events published for it. json, not jsonb: the text is kept byte for
-- byte, so a redelivered intent re-publishes exactly what was published the first time. outcomes and processed_at stay
-- empty while a participant has recorded an intent it has not decided yet (the adapter's legacy attempt).
CREATE TABLE IF NOT EXISTS processed_intent (
    intent_event_id text        PRIMARY KEY,
    correlation_id  text        NOT NULL,
    outcomes        json,
    processed_at    timestamptz
);

-- retention counts from the first time an intent was recorded, decided or not
ALTER TABLE processed_intent ADD COLUMN IF NOT EXISTS received_at timestamptz;
UPDATE processed_intent SET received_at = COALESCE(processed_at, now()) WHERE received_at IS NULL;
ALTER TABLE processed_intent ALTER COLUMN received_at SET DEFAULT now();
ALTER TABLE processed_intent ALTER COLUMN received_at SET NOT NULL;
CREATE INDEX IF NOT EXISTS processed_intent_received_at_idx ON processed_intent (received_at);

-- Every side effect a decision asked for, and what the gate did with it: SUPPRESSED (recorded only) or DISPATCHED
-- (the table is then the outbox). Written in the same transaction as processed_intent.
CREATE TABLE IF NOT EXISTS side_effect (
    id              uuid        PRIMARY KEY,
    intent_event_id text        NOT NULL REFERENCES processed_intent (intent_event_id),
    correlation_id  text        NOT NULL,
    type            text        NOT NULL,
    payload         jsonb       NOT NULL,
    status          text        NOT NULL CHECK (status IN ('SUPPRESSED', 'DISPATCHED')),
    created_at      timestamptz NOT NULL,
    CONSTRAINT side_effect_once_per_intent UNIQUE (intent_event_id, type)
);

CREATE INDEX IF NOT EXISTS side_effect_correlation_idx ON side_effect (correlation_id, created_at);
CREATE INDEX IF NOT EXISTS side_effect_created_at_idx ON side_effect (created_at);
