package memesnipe.strategy.core;

import java.util.List;
import java.util.Optional;

/** The catalogue of strategies by name, with default parameters. */
public final class Strategies {
    /** Every known strategy name. */
    public static final List<String> NAMES = List.of(Momentum5m.NAME, MeanRevert1h.NAME);

    private Strategies() {
    }

    /** A fresh strategy with default parameters, or empty for an unknown name. */
    public static Optional<Strategy> create(String name) {
        return switch (name) {
            case Momentum5m.NAME -> Optional.of(new Momentum5m());
            case MeanRevert1h.NAME -> Optional.of(new MeanRevert1h());
            default -> Optional.empty();
        };
    }
}
