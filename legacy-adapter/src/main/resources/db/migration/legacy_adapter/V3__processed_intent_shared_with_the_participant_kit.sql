-- The participant kit (issue 9) completes processed_intent with an intent's outcomes and owns its retention
-- (classpath:db/participant, V1000). Its upsert names only the columns every participant has, so the adapter's own
-- columns must accept a row the kit inserts: the request key stays set by the attempt recorded before the call.
ALTER TABLE processed_intent ALTER COLUMN legacy_request_key DROP NOT NULL;
ALTER TABLE processed_intent ALTER COLUMN first_attempt_at SET DEFAULT now();
