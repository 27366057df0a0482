-- Intents that sampling left out of the parallel run (sampled = false): no verdict is decided for them, so the
-- match-rate API counts them here to say how many intents a rate does not rest on. One row per intent event:
-- redelivery and replay of the intent topics store nothing twice.
CREATE TABLE unsampled_intent (
    intent_id    TEXT         PRIMARY KEY,
    context      TEXT         NOT NULL,
    intent_type  TEXT         NOT NULL,
    accepted_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX unsampled_intent_by_context ON unsampled_intent (context, accepted_at);
