package memesnipe.executor.journal;

import memesnipe.executor.order.OrderBook.State;
import memesnipe.v1.ApprovedOrder;
import memesnipe.v1.Fill;

/**
 * One durable step of an order's life, as the executor journals it (to PostgreSQL, or to the write-ahead
 * file while PostgreSQL cannot be written). Every step is idempotent and only moves an order forward, so
 * applying a step twice, or late, never changes the outcome.
 */
public sealed interface LedgerOp {
    String clientOrderId();

    /** The order arrived (an insert that finds the id already there reveals a duplicate). */
    record Received(ApprovedOrder order, long atMs) implements LedgerOp {
        @Override
        public String clientOrderId() {
            return order.getClientOrderId();
        }
    }

    /** The signer signed it: key id and base64 signature. */
    record Signed(String clientOrderId, String keyId, String signature, long atMs) implements LedgerOp {
    }

    /** It is about to go to the venue (durable before the venue call). */
    record Sent(String clientOrderId, long atMs) implements LedgerOp {
    }

    /** The venue filled it: the fill (with its sequence number) and the FILLED state, together. */
    record Filled(Fill fill, long atMs) implements LedgerOp {
        @Override
        public String clientOrderId() {
            return fill.getClientOrderId();
        }
    }

    /** It ended without a fill: REJECTED or CANCELLED, with the reason. */
    record Finished(String clientOrderId, State state, String reason, long atMs) implements LedgerOp {
        public Finished {
            if (state != State.REJECTED && state != State.CANCELLED) {
                throw new IllegalArgumentException("Finished is REJECTED or CANCELLED, not " + state);
            }
        }
    }
}
