-- Who signed which cutover evidence pack: the digest of the pack (SHA-256 of its canonical JSON, docs/evidence.md)
-- for a context and a closed period. Append-only: a signature, once given, is never changed or taken away.
CREATE TABLE evidence_sign_off (
    sign_off_id  UUID         PRIMARY KEY,
    context      TEXT         NOT NULL,
    digest       CHAR(64)     NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
    note         TEXT,
    period_from  TIMESTAMPTZ  NOT NULL,
    period_to    TIMESTAMPTZ  NOT NULL,
    signed_by    TEXT         NOT NULL,
    signed_at    TIMESTAMPTZ  NOT NULL,
    CHECK (period_from < period_to)
);
CREATE INDEX evidence_sign_off_by_context ON evidence_sign_off (context, signed_at);

CREATE FUNCTION refuse_evidence_sign_off_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'evidence sign-offs are append-only (% on %)', TG_OP, TG_TABLE_NAME;
END
$$;
CREATE TRIGGER evidence_sign_off_append_only BEFORE UPDATE OR DELETE ON evidence_sign_off
    FOR EACH ROW EXECUTE FUNCTION refuse_evidence_sign_off_change();
CREATE TRIGGER evidence_sign_off_no_truncate BEFORE TRUNCATE ON evidence_sign_off
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_evidence_sign_off_change();
