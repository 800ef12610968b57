-- The risk node's ledger (schema "risk", owned by the risk node alone).
-- Money and quantities are bigint at scale 10^8 (columns ending _e8); times are bigint milliseconds since the
-- epoch (columns ending _ms). Positions are never stored: they are the sum of the fills below.

-- The deployment this ledger belongs to: one row, written only by `memesnipe init`. Without it the risk node
-- starts CRITICAL ("new" is never inferred from an empty ledger).
CREATE TABLE deployment (
    id                 text    PRIMARY KEY,
    one_row            boolean NOT NULL DEFAULT true UNIQUE CHECK (one_row),
    created_ms         bigint  NOT NULL,
    initial_capital_e8 bigint  NOT NULL CHECK (initial_capital_e8 > 0),
    created_by         text    NOT NULL
);

-- Every fill risk applied to its portfolio, once: by (log_id, seq) in the executor's fill log and by client
-- order id. "applied" is the order risk applied them in (the replay order at start).
CREATE TABLE fills (
    applied         bigserial NOT NULL UNIQUE,
    log_id          text      NOT NULL,
    seq             bigint    NOT NULL,
    client_order_id text      NOT NULL UNIQUE,
    strategy        text      NOT NULL,
    symbol          text      NOT NULL,
    side            text      NOT NULL,
    qty_e8          bigint    NOT NULL,
    price_e8        bigint    NOT NULL,
    fee_e8          bigint    NOT NULL,
    fill_time_ms    bigint    NOT NULL,
    applied_ms      bigint    NOT NULL,
    source          text      NOT NULL, -- STREAM (WatchFills) or REPORT (the FILLED answer of Execute)
    PRIMARY KEY (log_id, seq)
);

-- Where the executor's fill stream resumes: the last (log_id, seq) it delivered (one row).
CREATE TABLE fill_cursor (
    one_row    boolean PRIMARY KEY DEFAULT true CHECK (one_row),
    log_id     text    NOT NULL,
    seq        bigint  NOT NULL,
    updated_ms bigint  NOT NULL
);

-- The marked equity curve: a sample on change (at most every equity-sample-ms) and on every breaker write.
CREATE TABLE equity_curve (
    time_ms   bigint NOT NULL,
    equity_e8 bigint NOT NULL,
    peak_e8   bigint NOT NULL
);
CREATE INDEX equity_curve_time ON equity_curve (time_ms);

-- Equity at the start of each trading day (the zone is the risk node's trading-day-zone).
CREATE TABLE trading_days (
    day             date   PRIMARY KEY,
    start_equity_e8 bigint NOT NULL,
    started_ms      bigint NOT NULL
);

-- The whole circuit breaker as it stands (one row); a write only replaces an older version.
CREATE TABLE breaker_state (
    one_row        boolean PRIMARY KEY DEFAULT true CHECK (one_row),
    version        bigint  NOT NULL,
    tier           text    NOT NULL,
    reason         text    NOT NULL,
    since_ms       bigint  NOT NULL,
    peak_e8        bigint  NOT NULL,
    day_start_e8   bigint  NOT NULL,
    day_epoch_day  bigint  NOT NULL,
    manual_latch   boolean NOT NULL,
    ramp_step      integer NOT NULL,
    ramp_since_ms  bigint  NOT NULL,
    clear_since_ms bigint  NOT NULL,
    strategy_peaks jsonb   NOT NULL, -- {"strategy": peak equity e8}
    suspended      text[]  NOT NULL,
    transition_seq bigint  NOT NULL,
    updated_ms     bigint  NOT NULL
);

-- Every change of breaker tier, with the figures that caused it.
CREATE TABLE breaker_transitions (
    seq            bigint  PRIMARY KEY,
    from_tier      text    NOT NULL,
    to_tier        text    NOT NULL,
    reason         text    NOT NULL,
    drawdown_bps   integer NOT NULL,
    daily_loss_bps integer NOT NULL,
    equity_e8      bigint  NOT NULL,
    peak_e8        bigint  NOT NULL,
    time_ms        bigint  NOT NULL
);

-- Every decision on an intent (and risk's own exits, caller "risk"); a repeated client order id is answered
-- from here once it has left the node's memory.
CREATE TABLE decisions (
    client_order_id      text   PRIMARY KEY,
    caller               text   NOT NULL,
    strategy             text   NOT NULL,
    symbol               text   NOT NULL,
    purpose              text   NOT NULL,
    verdict              text   NOT NULL,
    reason               text   NOT NULL,
    detail               text   NOT NULL,
    approved_qty_e8      bigint NOT NULL,
    approved_notional_e8 bigint NOT NULL,
    tier                 text   NOT NULL,
    equity_e8            bigint NOT NULL,
    strategy_exposure_e8 bigint NOT NULL,
    time_ms              bigint NOT NULL,
    -- FAILED once the executor refused the order or it could not be delivered; NULL otherwise (a fill in
    -- risk.fills under the same client order id means it was executed). An approved exit with neither is in
    -- flight: a restart sends it again under the same id (the executor answers a known id with its first report).
    outcome              text
);
CREATE INDEX decisions_time ON decisions (time_ms);

-- Operator actions: INIT (memesnipe init), TRIP and RESET (admin RPCs), with who did them.
CREATE TABLE admin_audit (
    id         text   PRIMARY KEY, -- random: a retried write lands once
    time_ms    bigint NOT NULL,
    action     text   NOT NULL CHECK (action IN ('INIT', 'TRIP', 'RESET')),
    tier       text   NOT NULL,    -- the tier asked for (NORMAL for INIT and RESET)
    reason     text   NOT NULL,
    actor      text   NOT NULL,    -- the admin certificate's subject (the OS user for INIT)
    tier_after text   NOT NULL
);

-- The execution-quality window (latency, slippage, errors of the last orders), so it survives a restart.
CREATE TABLE quality_samples (
    id           bigserial PRIMARY KEY,
    time_ms      bigint  NOT NULL,
    latency_ms   bigint  NOT NULL,
    slippage_bps integer NOT NULL,
    error        boolean NOT NULL
);
