-- One row per correlation id the ingress published an intent with, from any channel: the primary key
-- refuses a second intent with the same id (409), race-free, however many ingress instances run.
-- Inserted in the transaction that waits for Kafka's acknowledgement; rolled back when it fails.
CREATE TABLE correlation_claim (
    correlation_id VARCHAR(128) NOT NULL,
    event_id       VARCHAR(64)  NOT NULL, -- the intent that holds it; a retry of that intent may claim it again
    channel        VARCHAR(63)  NOT NULL,
    claimed_at     TIMESTAMPTZ  NOT NULL,
    CONSTRAINT correlation_claim_pk PRIMARY KEY (correlation_id)
);

-- the retention cleanup deletes by age
CREATE INDEX correlation_claim_claimed_at_idx ON correlation_claim (claimed_at);
