-- The promotion pipeline (see README "Promotion pipeline"): each strategy's current stage, read back at start so a
-- restart never moves a strategy (one the table does not know starts at its configured initial stage), and every
-- stage change with its reasons. Both are written with the breaker's durable writes (BreakerWriter: PostgreSQL, or
-- the local journal while it is unreachable).
CREATE TABLE strategy_stages (
    strategy   text    PRIMARY KEY,
    stage      text    NOT NULL CHECK (stage IN ('BACKTEST', 'SHADOW', 'LIVE', 'RETIRED')),
    type       text    NOT NULL CHECK (type IN ('MOMENTUM', 'MEAN_REVERSION')),
    since_ms   bigint  NOT NULL, -- when the strategy entered its stage
    demotions  integer NOT NULL CHECK (demotions >= 0), -- demotions from LIVE so far
    updated_ms bigint  NOT NULL  -- a write only replaces a row written before it
);

-- Every stage change (promotion, demotion, retirement), with each reason's line (the gate, its figure, threshold and
-- samples, or the operator's note).
CREATE TABLE stage_changes (
    id         text    PRIMARY KEY, -- random: a retried write lands once
    strategy   text    NOT NULL,
    from_stage text    NOT NULL,
    to_stage   text    NOT NULL,
    time_ms    bigint  NOT NULL,
    reasons    text[]  NOT NULL,
    demotions  integer NOT NULL
);
CREATE INDEX stage_changes_time ON stage_changes (time_ms);

-- A decision on an intent of a SHADOW strategy that was approved is filled on the shadow book: its outcome is SHADOW
-- (it never reached a venue, and a restart never asks for it again).
COMMENT ON COLUMN decisions.outcome IS 'FAILED (refused or undeliverable), SHADOW (filled on the shadow book) or NULL';
