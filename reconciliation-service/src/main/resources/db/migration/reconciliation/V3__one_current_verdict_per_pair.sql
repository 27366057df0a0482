-- One current verdict per (correlation id, outcome type), enforced by the schema and not only by the sink.
-- Before this, a verdict that arrived after the one superseding it (an out-of-order replay of the verdict
-- topic) stayed current as well. Repair such pairs first: the latest verdict (highest revision, then latest
-- decided, then highest verdict id: the order VerdictStore applies) stays current, the others point at it.
WITH ranked AS (
    SELECT verdict_id,
           first_value(verdict_id) OVER (PARTITION BY correlation_id, outcome_type
                                         ORDER BY revision DESC, decided_at DESC, verdict_id DESC) AS latest
    FROM verdict
    WHERE superseded_by IS NULL)
UPDATE verdict v
SET superseded_by = ranked.latest
FROM ranked
WHERE v.verdict_id = ranked.verdict_id AND ranked.latest <> v.verdict_id;

-- also the sink's lookup of a pair's current verdict
CREATE UNIQUE INDEX verdict_one_current_per_pair ON verdict (correlation_id, outcome_type) WHERE superseded_by IS NULL;
