package memesnipe.strategy.core;

import java.util.List;
import java.util.Optional;

/** The catalogue of strategies by name, with default parameters. */
public final class Strategies {
    /** The strategies a node (and a backtest) runs unless told otherwise. */
    public static final List<String> NAMES = List.of(Momentum5m.NAME, MeanRevert1h.NAME);
    /** Every strategy that can be asked for by name. */
    public static final List<String> KNOWN = List.of(Momentum5m.NAME, MeanRevert1h.NAME, SmaCross.NAME,
            AirdropRotation.NAME, RugPullSniffer.NAME,
            DevWalletDrain.NAME, BridgeInflow.NAME, LiquidityMigration.NAME,
            SocialBuzz.NAME, KoreanTimeBurst.NAME, EthBreakoutMomentum.NAME);

    private Strategies() {
    }

    /** A fresh strategy with default parameters, or empty for an unknown name. */
    public static Optional<Strategy> create(String name) {
        return switch (name) {
            case Momentum5m.NAME -> Optional.of(new Momentum5m());
            case MeanRevert1h.NAME -> Optional.of(new MeanRevert1h());
            case SmaCross.NAME -> Optional.of(new SmaCross());
            case AirdropRotation.NAME -> Optional.of(new AirdropRotation());
            case RugPullSniffer.NAME -> Optional.of(new RugPullSniffer());
            case DevWalletDrain.NAME -> Optional.of(new DevWalletDrain());
            case BridgeInflow.NAME -> Optional.of(new BridgeInflow());
            case LiquidityMigration.NAME -> Optional.of(new LiquidityMigration());
            case SocialBuzz.NAME -> Optional.of(new SocialBuzz());
            case KoreanTimeBurst.NAME -> Optional.of(new KoreanTimeBurst());
            case EthBreakoutMomentum.NAME -> Optional.of(new EthBreakoutMomentum());
            default -> Optional.empty();
        };
    }

    /**
     * A fresh strategy with its defaults replaced by the given parameters ({@link ParamOverrides}: names are the
     * components of the strategy's {@code Params} record, nested ones dotted), or empty for an unknown name;
     * IllegalArgumentException listing every bad or unknown parameter. Every strategy keeps its parameters in a
     * nested record {@code Params} with a static {@code defaults()} and has a constructor taking it (StrategiesTest
     * holds every known strategy to this).
     */
    public static Optional<Strategy> create(String name, java.util.Map<String, String> params) {
        Optional<Strategy> plain = create(name);
        if (plain.isEmpty() || params.isEmpty()) {
            return plain;
        }
        Class<? extends Strategy> type = plain.get().getClass();
        Record defaults = defaultParams(type);
        Record applied = ParamOverrides.apply(defaults, params);
        try {
            return Optional.of(type.getConstructor(applied.getClass()).newInstance(applied));
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalArgumentException(name + ": " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(name + " has no constructor taking its Params", e);
        }
    }

    /** The default parameters of a strategy, by name, as "path=value" pairs (for documentation). */
    public static java.util.Map<String, String> describeParams(String name) {
        return create(name).map(s -> ParamOverrides.describe(defaultParams(s.getClass())))
                .orElseThrow(() -> new IllegalArgumentException("unknown strategy " + name));
    }

    private static Record defaultParams(Class<? extends Strategy> type) {
        for (Class<?> nested : type.getDeclaredClasses()) {
            if (nested.getSimpleName().equals("Params") && nested.isRecord()) {
                try {
                    return (Record) nested.getMethod("defaults").invoke(null);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(type.getSimpleName() + ".Params has no defaults()", e);
                }
            }
        }
        throw new IllegalStateException(type.getSimpleName() + " keeps no Params record");
    }
}
