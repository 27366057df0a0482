-- The pricing transaction's journal: one row per REQ_KEY, counting its calls, with the first quote priced for it
-- (its quote reference included), answered again for every repeat of the key. Same shape as request_journal.
CREATE TABLE quote_journal (
    req_key       TEXT        PRIMARY KEY,
    calls         INTEGER     NOT NULL,
    decision      JSONB,
    first_call_at TIMESTAMPTZ NOT NULL,
    decided_at    TIMESTAMPTZ
);
