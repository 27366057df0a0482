-- The legacy platform's memory of what it decided, as a real legacy system keeps it: in its database, so a restart
-- forgets nothing. One row per REQ_KEY with the first decision, answered again for every repeat of the key.
CREATE TABLE request_journal (
    req_key       TEXT        PRIMARY KEY,
    calls         INTEGER     NOT NULL,
    decision      JSONB,
    first_call_at TIMESTAMPTZ NOT NULL,
    decided_at    TIMESTAMPTZ
);

-- The posting journal: one booking per decision, with its ledger lines. Append-only and without a unique key on
-- purpose: idempotency is the request journal's job, and a claim processed twice would show here as two bookings.
CREATE TABLE booking (
    id        BIGSERIAL   PRIMARY KEY,
    req_key   TEXT        NOT NULL,
    claim_no  TEXT        NOT NULL,
    status    TEXT        NOT NULL,
    ledger    JSONB       NOT NULL,
    booked_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX booking_req_key_idx ON booking (req_key);
