-- One row per intent this service decided, with the outcome events it published for it.
-- json, not jsonb: the text is kept byte for byte, so a redelivered intent re-publishes exactly
-- what was published the first time.
CREATE TABLE processed_intent (
    intent_event_id text        PRIMARY KEY,
    correlation_id  text        NOT NULL,
    outcomes        json        NOT NULL,
    processed_at    timestamptz NOT NULL
);

CREATE INDEX processed_intent_correlation_idx ON processed_intent (correlation_id);

-- Every side effect a decision asked for, and what the gate did with it. While the service is not
-- authoritative each is SUPPRESSED; when authoritative it is DISPATCHED and the table is the outbox.
-- Written in the same transaction as processed_intent.
CREATE TABLE side_effect (
    id              uuid        PRIMARY KEY,
    intent_event_id text        NOT NULL REFERENCES processed_intent (intent_event_id),
    correlation_id  text        NOT NULL,
    type            text        NOT NULL CHECK (type IN ('PAYMENT_INSTRUCTION', 'CUSTOMER_NOTIFICATION')),
    payload         jsonb       NOT NULL,
    status          text        NOT NULL CHECK (status IN ('SUPPRESSED', 'DISPATCHED')),
    created_at      timestamptz NOT NULL,
    CONSTRAINT side_effect_once_per_intent UNIQUE (intent_event_id, type)
);

CREATE INDEX side_effect_correlation_idx ON side_effect (correlation_id, created_at);
