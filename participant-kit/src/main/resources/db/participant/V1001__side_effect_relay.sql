-- The outbox relay (SideEffectRelay): when a DISPATCHED side effect was published on sideeffects.dispatched.v1 and the
-- broker acknowledged it. NULL = not relayed yet (or SUPPRESSED, which is never relayed). Set in the same transaction
-- that selected the row FOR UPDATE, after the acknowledgement.
ALTER TABLE side_effect ADD COLUMN IF NOT EXISTS relayed_at timestamptz;

-- what the relay selects and the backlog gauge counts: small, since a relayed row leaves it
CREATE INDEX IF NOT EXISTS side_effect_relay_backlog_idx ON side_effect (created_at)
    WHERE status = 'DISPATCHED' AND relayed_at IS NULL;
