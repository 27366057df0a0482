-- The attempt is recorded before legacy is called (issue 8, defect 5): a row exists from the first attempt on, with
-- the legacy request key every call for the intent carries, and gets its outcomes once legacy's answer is stored.
-- A crash between the call and the stored outcomes leaves the row without outcomes; the redelivery calls legacy again
-- with the same key, and legacy answers its first decision instead of processing the claim twice.
ALTER TABLE processed_intent ADD COLUMN legacy_request_key TEXT;
ALTER TABLE processed_intent ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1;
ALTER TABLE processed_intent ADD COLUMN first_attempt_at TIMESTAMPTZ;
UPDATE processed_intent SET legacy_request_key = intent_event_id, first_attempt_at = processed_at;
ALTER TABLE processed_intent
    ALTER COLUMN legacy_request_key SET NOT NULL,
    ALTER COLUMN first_attempt_at SET NOT NULL,
    ALTER COLUMN outcomes DROP NOT NULL,
    ALTER COLUMN processed_at DROP NOT NULL,
    ADD CONSTRAINT processed_intent_outcomes_when_processed CHECK ((outcomes IS NULL) = (processed_at IS NULL));

-- retention counts from the first attempt, so an attempt that never got its outcomes is forgotten too
DROP INDEX processed_intent_processed_at_idx;
CREATE INDEX processed_intent_first_attempt_at_idx ON processed_intent (first_attempt_at);
