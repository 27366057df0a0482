-- The share of an intent type's intents that the new service processes, in basis points (10000 = 100 %).
-- An intent type without a row is sampled at 100 %. Set through PUT /api/v1/sampling/{context}/{intentType};
-- every ingress instance reads the rows through a short-lived cache, so a change needs no restart.
CREATE TABLE sampling_rate (
    bounded_context VARCHAR(63)  NOT NULL,
    intent_type     VARCHAR(128) NOT NULL,
    basis_points    INTEGER      NOT NULL CHECK (basis_points BETWEEN 0 AND 10000),
    changed_by      VARCHAR(63)  NOT NULL, -- the admin who set it
    changed_at      TIMESTAMPTZ  NOT NULL,
    CONSTRAINT sampling_rate_pk PRIMARY KEY (bounded_context, intent_type)
);
