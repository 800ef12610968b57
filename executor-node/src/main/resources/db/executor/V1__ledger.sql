-- The executor's ledger (schema "executor"). Money is bigint at scale 1e8 (*_e8); times are bigint ms since
-- the epoch (*_ms). The executor is the only writer.

-- The fill log's identity: generated once, kept forever, so WatchFills resumes across restarts with the same
-- log_id and sequence numbers.
CREATE TABLE meta (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    log_id     text    NOT NULL,
    created_ms bigint  NOT NULL
);

-- Every order the executor was asked to execute, journaled before it goes anywhere. client_order_id is the
-- idempotency key: one row per id, ever. The state machine is RECEIVED -> SIGNED -> SENT -> FILLED, and any
-- open state -> REJECTED | CANCELLED; each transition stamps its own *_ms column.
CREATE TABLE orders (
    client_order_id         text    PRIMARY KEY,
    strategy                text    NOT NULL,
    symbol                  text    NOT NULL,
    side                    text    NOT NULL CHECK (side IN ('BUY', 'SELL')),
    purpose                 text    NOT NULL CHECK (purpose IN ('ENTRY', 'EXIT')),
    qty_e8                  bigint  NOT NULL CHECK (qty_e8 > 0),
    reference_price_e8      bigint  NOT NULL,
    venue                   text    NOT NULL,
    decision_seq            bigint  NOT NULL,
    decision_ingest_time_ms bigint  NOT NULL,
    approved_time_ms        bigint  NOT NULL,
    state                   text    NOT NULL
        CHECK (state IN ('RECEIVED', 'SIGNED', 'SENT', 'FILLED', 'REJECTED', 'CANCELLED')),
    reject_reason           text,
    key_id                  text,
    signature               text,
    received_ms             bigint  NOT NULL,
    signed_ms               bigint,
    sent_ms                 bigint,
    final_ms                bigint,
    CHECK (state = 'RECEIVED' OR state IN ('REJECTED', 'CANCELLED') OR (signed_ms IS NOT NULL AND signature IS NOT NULL)),
    CHECK (state NOT IN ('SENT', 'FILLED') OR sent_ms IS NOT NULL),
    CHECK (state NOT IN ('FILLED', 'REJECTED', 'CANCELLED') OR final_ms IS NOT NULL),
    CHECK (state NOT IN ('REJECTED', 'CANCELLED') OR reject_reason IS NOT NULL)
);

-- What start-up reconciliation reads: the orders not known to be final.
CREATE INDEX orders_open ON orders (client_order_id) WHERE state IN ('RECEIVED', 'SIGNED', 'SENT');

-- Only forward transitions; a final order never changes again.
CREATE FUNCTION orders_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.state <> OLD.state AND NOT (
           (OLD.state = 'RECEIVED' AND NEW.state IN ('SIGNED', 'REJECTED', 'CANCELLED'))
        OR (OLD.state = 'SIGNED'   AND NEW.state IN ('SENT', 'REJECTED', 'CANCELLED'))
        OR (OLD.state = 'SENT'     AND NEW.state IN ('FILLED', 'REJECTED', 'CANCELLED'))) THEN
        RAISE EXCEPTION 'order %: illegal transition % -> %', OLD.client_order_id, OLD.state, NEW.state;
    END IF;
    IF NEW.state = OLD.state AND OLD.state IN ('FILLED', 'REJECTED', 'CANCELLED') THEN
        RAISE EXCEPTION 'order %: final (%) orders do not change', OLD.client_order_id, OLD.state;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER orders_transition BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION orders_transition();

-- The fill log: seq is gap-free from 1 (the executor assigns it), one fill per order at most.
CREATE TABLE fills (
    seq                     bigint  PRIMARY KEY CHECK (seq >= 1),
    client_order_id         text    NOT NULL UNIQUE REFERENCES orders (client_order_id),
    strategy                text    NOT NULL,
    symbol                  text    NOT NULL,
    side                    text    NOT NULL CHECK (side IN ('BUY', 'SELL')),
    purpose                 text    NOT NULL CHECK (purpose IN ('ENTRY', 'EXIT')),
    qty_e8                  bigint  NOT NULL CHECK (qty_e8 > 0),
    price_e8                bigint  NOT NULL CHECK (price_e8 > 0),
    fee_e8                  bigint  NOT NULL CHECK (fee_e8 >= 0),
    venue                   text    NOT NULL,
    key_id                  text    NOT NULL,
    signature               text    NOT NULL,
    fill_time_ms            bigint  NOT NULL,
    decision_seq            bigint  NOT NULL,
    decision_ingest_time_ms bigint  NOT NULL
);
