-- Crypto-shredding: one AES-256 key per data subject and generation. Every personal field of an intent is
-- published encrypted under its subject's live key; erasure destroys the key (key_bytes set to NULL, the row
-- kept as the record of the erasure), which makes every copy of the data unreadable. A subject that sends an
-- intent after its erasure gets a new key, the next generation. See docs/personal-data.md.
CREATE TABLE subject_key (
    subject_ref  VARCHAR(35) NOT NULL, -- 'ds-' || 32 hex digits of HMAC-SHA256(secret, normalised identity)
    generation   INTEGER     NOT NULL CHECK (generation >= 1),
    key_bytes    BYTEA,                -- 32 bytes while live; NULL once destroyed
    created_at   TIMESTAMPTZ NOT NULL,
    destroyed_at TIMESTAMPTZ,
    destroyed_by VARCHAR(63),          -- the admin who erased the subject
    CONSTRAINT subject_key_pk PRIMARY KEY (subject_ref, generation),
    CONSTRAINT subject_key_live_has_bytes CHECK (
        (destroyed_at IS NULL AND octet_length(key_bytes) = 32) OR (destroyed_at IS NOT NULL AND key_bytes IS NULL))
);

-- at most one live key per subject: two intents of a new subject racing end with one key
CREATE UNIQUE INDEX subject_key_one_live_idx ON subject_key (subject_ref) WHERE destroyed_at IS NULL;
