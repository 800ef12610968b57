package memesnipe.gateway.replay;

import memesnipe.model.text.Printable;

/** A row's value that makes the row rejected: the reason and a one-line detail. Cheap: no stack trace. */
final class BadValue extends Exception {
    final RowRejectReason reason;

    BadValue(RowRejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    /** A value from the file quoted for a message: escaped and cut. */
    static String quote(String untrusted) {
        return "'" + Printable.of(untrusted, ReplayLimits.MAX_QUOTED) + "'";
    }
}
