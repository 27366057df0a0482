-- Governed replays and noise runs (docs/replay.md). A run is recorded with who asked, when, why, for what range and
-- filter; its progress lives in Kafka (the replay's consumer-group offsets and their metadata, committed in the same
-- transaction as the replayed intents), and these columns mirror it for the API.
CREATE TABLE replay_run (
    replay_id        VARCHAR(64)  PRIMARY KEY,
    kind             VARCHAR(16)  NOT NULL CHECK (kind IN ('REPLAY', 'NOISE')),
    context          VARCHAR(64)  NOT NULL,
    from_ts          TIMESTAMPTZ  NOT NULL,
    to_ts            TIMESTAMPTZ  NOT NULL CHECK (to_ts > from_ts),
    classifications  VARCHAR(32)[],
    correlation_ids  VARCHAR(128)[],
    sample           INTEGER      CHECK (sample IS NULL OR sample > 0),
    reason           TEXT         NOT NULL,
    rate_per_second  INTEGER      NOT NULL CHECK (rate_per_second > 0),
    requested_by     VARCHAR(128) NOT NULL,
    requested_at     TIMESTAMPTZ  NOT NULL,
    -- the topic range, fixed when the run is requested: per partition, the first offset in range and the first beyond
    start_offsets    JSONB        NOT NULL,
    end_offsets      JSONB        NOT NULL,
    state            VARCHAR(16)  NOT NULL CHECK (state IN ('RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    phase            VARCHAR(16)  NOT NULL CHECK (phase IN ('SELECTING', 'PUBLISHING', 'DONE')),
    selected         BIGINT,
    published        BIGINT       NOT NULL DEFAULT 0,
    failure          TEXT,
    cancelled_by     VARCHAR(128),
    finished_at      TIMESTAMPTZ,
    -- the instance running it and until when it holds the run (renewed while it runs; another instance takes over
    -- a run whose lease ran out)
    lease_owner      VARCHAR(128),
    lease_until      TIMESTAMPTZ
);
CREATE INDEX replay_run_runnable ON replay_run (lease_until) WHERE state = 'RUNNING';
CREATE INDEX replay_run_by_requested ON replay_run (requested_at DESC);

-- Every intent a run selected, with the ids its replayed copies get (deterministic in the run and the original, so
-- a resumed run publishes the same events): written while selecting, before anything is published.
CREATE TABLE replay_intent (
    replay_id                VARCHAR(64)  NOT NULL REFERENCES replay_run (replay_id),
    original_event_id        VARCHAR(128) NOT NULL,
    copy                     SMALLINT     NOT NULL CHECK (copy >= 1),
    original_correlation_id  VARCHAR(128) NOT NULL,
    event_id                 VARCHAR(128) NOT NULL,
    correlation_id           VARCHAR(128) NOT NULL UNIQUE,
    PRIMARY KEY (replay_id, original_event_id, copy)
);
CREATE INDEX replay_intent_by_original ON replay_intent (original_correlation_id);
