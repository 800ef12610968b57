package memesnipe.backtest.report;

import java.util.Objects;

/** A fill drawn on the price chart: when, which way and at what price. */
public record FillMarker(long timeMs, memesnipe.model.Side side, long priceE8) {
    /** The direction of a fill. */

    public FillMarker {
        Objects.requireNonNull(side, "side");
    }
}
