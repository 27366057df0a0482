-- One row per (channel, Idempotency-Key): the answer given to the first request with that key.
-- Inserted in the same transaction that waits for Kafka's acknowledgement; rolled back when it fails.
CREATE TABLE idempotency_record (
    channel         VARCHAR(63)  NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash    CHAR(64)     NOT NULL, -- SHA-256 (hex) of the intent type and the canonical JSON body
    correlation_id  VARCHAR(128) NOT NULL,
    event_id        VARCHAR(64)  NOT NULL,
    event_type      VARCHAR(255) NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    CONSTRAINT idempotency_record_pk PRIMARY KEY (channel, idempotency_key)
);

-- the retention cleanup deletes by age
CREATE INDEX idempotency_record_created_at_idx ON idempotency_record (created_at);
