package memesnipe.strategy.core;

import java.util.List;
import java.util.Optional;

/** The catalogue of strategies by name, with default parameters. */
public final class Strategies {
    /** The strategies a node (and a backtest) runs unless told otherwise. */
    public static final List<String> NAMES = List.of(Momentum5m.NAME, MeanRevert1h.NAME);
    /** Every strategy that can be asked for by name. */
    public static final List<String> KNOWN = List.of(Momentum5m.NAME, MeanRevert1h.NAME, SmaCross.NAME,
            SocialBuzz.NAME, KoreanTimeBurst.NAME, EthBreakoutMomentum.NAME);

    private Strategies() {
    }

    /** A fresh strategy with default parameters, or empty for an unknown name. */
    public static Optional<Strategy> create(String name) {
        return switch (name) {
            case Momentum5m.NAME -> Optional.of(new Momentum5m());
            case MeanRevert1h.NAME -> Optional.of(new MeanRevert1h());
            case SmaCross.NAME -> Optional.of(new SmaCross());
            case SocialBuzz.NAME -> Optional.of(new SocialBuzz());
            case KoreanTimeBurst.NAME -> Optional.of(new KoreanTimeBurst());
            case EthBreakoutMomentum.NAME -> Optional.of(new EthBreakoutMomentum());
            default -> Optional.empty();
        };
    }
}
