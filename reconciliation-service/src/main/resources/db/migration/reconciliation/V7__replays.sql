-- Replays (docs/replay.md): a verdict of a replayed intent names its replay and stays out of live match rates,
-- readiness and the evidence pack; live reads filter on replay_id IS NULL.
ALTER TABLE verdict ADD COLUMN replay_id VARCHAR(64);
CREATE INDEX verdict_by_replay ON verdict (replay_id, decided_at DESC) WHERE replay_id IS NOT NULL;
