-- The comparison rule sets verdicts were decided with. Immutable: a changed file is a new version.
CREATE TABLE rule_set (
    version           VARCHAR(160) PRIMARY KEY,
    context           VARCHAR(64)  NOT NULL,
    declared_version  VARCHAR(64)  NOT NULL,
    content_sha256    CHAR(64)     NOT NULL,
    source            VARCHAR(1024) NOT NULL,
    description       TEXT,
    content           TEXT         NOT NULL,
    definition        JSONB        NOT NULL,
    -- when this version was first put in force
    activated_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX rule_set_by_context ON rule_set (context, activated_at DESC);

-- every start-up that put a rule set in force: which rules decided when (A, then B, then A again)
CREATE TABLE rule_set_activation (
    version       VARCHAR(160) NOT NULL REFERENCES rule_set (version),
    activated_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (version, activated_at)
);

CREATE FUNCTION refuse_rule_set_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'rule sets and their activations are immutable (% on %)', TG_OP, TG_TABLE_NAME;
END
$$;
CREATE TRIGGER rule_set_immutable BEFORE UPDATE OR DELETE ON rule_set
    FOR EACH ROW EXECUTE FUNCTION refuse_rule_set_change();
CREATE TRIGGER rule_set_activation_immutable BEFORE UPDATE OR DELETE ON rule_set_activation
    FOR EACH ROW EXECUTE FUNCTION refuse_rule_set_change();

-- verdicts decided before versioned rule sets name the structural comparator: record it (retired, never
-- active again), so that every stored verdict's rule_set_version resolves
INSERT INTO rule_set (version, context, declared_version, content_sha256, source, description, content, definition, activated_at)
SELECT 'structural-1', '*', 'structural-1', repeat('0', 64), 'built-in:structural-1',
       'The comparator before versioned rule sets: a structural diff, numbers by value, everything else exact, every difference HIGH.',
       '# structural-1 (retired): objects field by field, arrays element by element, numbers by value, everything else exact;' || chr(10)
           || '# every difference a MISMATCH of severity HIGH; no tolerances, no accepted variances, no redaction.' || chr(10),
       '{"version": "structural-1", "default": {"comparator": "exact", "severity": "HIGH"}}'::jsonb,
       coalesce((SELECT min(decided_at) FROM verdict WHERE rule_set_version = 'structural-1'), now());

ALTER TABLE verdict ADD CONSTRAINT verdict_rule_set FOREIGN KEY (rule_set_version) REFERENCES rule_set (version);
