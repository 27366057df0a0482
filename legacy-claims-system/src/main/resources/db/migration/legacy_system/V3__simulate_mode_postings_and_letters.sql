-- Simulate mode (issue 10): a request with MODE=SIMULATE is decided like a real one and answered the same, but
-- remembers nothing under its REQ_KEY, posts nothing and sends no letter. The journals count such calls apart.
ALTER TABLE request_journal ADD COLUMN simulations INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quote_journal ADD COLUMN simulations INTEGER NOT NULL DEFAULT 0;

-- The witnesses of real side effects: one row per real posting (a decided claim, a priced quote) and one per letter
-- sent for it, written in the transaction that remembers the decision under its REQ_KEY, so exactly once per key.
-- Unique per (kind, req_key) on purpose, unlike booking: a second posting for a key is a defect and must fail loudly.
CREATE TABLE posting (
    id           BIGSERIAL   PRIMARY KEY,
    req_key      TEXT        NOT NULL,
    kind         TEXT        NOT NULL CHECK (kind IN ('claim', 'quote')),
    business_id  TEXT        NOT NULL,
    status       TEXT        NOT NULL,
    amount_cents BIGINT      NOT NULL,
    posted_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT posting_once_per_key UNIQUE (kind, req_key)
);

CREATE INDEX posting_posted_at_idx ON posting (posted_at);
CREATE INDEX posting_req_key_idx ON posting (req_key);

CREATE TABLE letter (
    id          BIGSERIAL   PRIMARY KEY,
    req_key     TEXT        NOT NULL,
    kind        TEXT        NOT NULL CHECK (kind IN ('claim', 'quote')),
    business_id TEXT        NOT NULL,
    letter      TEXT        NOT NULL,
    status      TEXT        NOT NULL,
    sent_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT letter_once_per_key UNIQUE (kind, req_key)
);

CREATE INDEX letter_sent_at_idx ON letter (sent_at);
CREATE INDEX letter_req_key_idx ON letter (req_key);
