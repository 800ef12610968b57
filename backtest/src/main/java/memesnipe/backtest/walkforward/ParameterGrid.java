package memesnipe.backtest.walkforward;

import memesnipe.strategy.core.AirdropRotation;
import memesnipe.strategy.core.BridgeInflow;
import memesnipe.strategy.core.DevWalletDrain;
import memesnipe.strategy.core.LiquidityMigration;
import memesnipe.strategy.core.EthBreakoutMomentum;
import memesnipe.strategy.core.KoreanTimeBurst;
import memesnipe.strategy.core.MeanRevert1h;
import memesnipe.strategy.core.Momentum5m;
import memesnipe.strategy.core.RugPullSniffer;
import memesnipe.strategy.core.SmaCross;
import memesnipe.strategy.core.SocialBuzz;
import memesnipe.strategy.core.Strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The parameter sets a walk-forward tries for each strategy, in-sample: a small grid around each strategy's defaults
 * (the defaults included), so a choice is always among sensible values.
 */
public final class ParameterGrid {
    /** One parameter set of one strategy: a label for the report and a maker of fresh instances. */
    public record Variant(String strategy, String label, Supplier<Strategy> make) {
    }

    private ParameterGrid() {
    }

    /** The variants of a strategy (IllegalArgumentException for an unknown name). */
    public static List<Variant> of(String strategy) {
        List<Variant> out = new ArrayList<>();
        switch (strategy) {
            case SmaCross.NAME -> {
                for (int fast : new int[]{5, 10, 20}) {
                    for (int slow : new int[]{30, 60, 120}) {
                        SmaCross.Params p = new SmaCross.Params(fast, slow);
                        out.add(new Variant(strategy, "fast " + fast + ", slow " + slow, () -> new SmaCross(p)));
                    }
                }
            }
            case Momentum5m.NAME -> {
                Momentum5m.Params d = Momentum5m.Params.defaults();
                for (long lookbackMs : new long[]{120_000, 300_000, 600_000}) {
                    for (double entry : new double[]{0.003, 0.005, 0.008}) {
                        Momentum5m.Params p = new Momentum5m.Params(lookbackMs, d.minHistoryMs(), d.shortWindowMs(), entry,
                                d.shortExitDrop(), d.coolDownMs(), d.exits());
                        out.add(new Variant(strategy, "lookback " + lookbackMs / 1000 + " s, entry " + pct(entry),
                                () -> new Momentum5m(p)));
                    }
                }
            }
            case MeanRevert1h.NAME -> {
                MeanRevert1h.Params d = MeanRevert1h.Params.defaults();
                for (long windowMs : new long[]{1_800_000, 3_600_000}) {
                    for (double entryZ : new double[]{-1.5, -2.0, -2.5}) {
                        MeanRevert1h.Params p = new MeanRevert1h.Params(windowMs, d.sampleMs(), d.minSamples(), entryZ,
                                d.exitZ(), d.coolDownMs(), d.exits());
                        out.add(new Variant(strategy, "window " + windowMs / 60_000 + " min, entry z " + entryZ,
                                () -> new MeanRevert1h(p)));
                    }
                }
            }
            case AirdropRotation.NAME -> {
                AirdropRotation.Params d = AirdropRotation.Params.defaults();
                for (long minToSnapshotMs : new long[]{300_000, 600_000, 1_200_000}) {
                    for (long exitLeadMs : new long[]{30_000, 60_000, 180_000}) {
                        AirdropRotation.Params p = new AirdropRotation.Params(minToSnapshotMs, exitLeadMs,
                                d.maxAnnouncementAgeMs(), d.maxHeld(), d.coolDownMs(), d.exits());
                        out.add(new Variant(strategy, "snapshot at least " + minToSnapshotMs / 60_000 + " min away, exit "
                                + exitLeadMs / 1000 + " s before", () -> new AirdropRotation(p)));
                    }
                }
            }
            case RugPullSniffer.NAME -> {
                RugPullSniffer.Params d = RugPullSniffer.Params.defaults();
                for (double entry : new double[]{0.001, 0.002, 0.004}) {
                    for (long maxHoldMs : new long[]{900_000, 1_800_000, 3_600_000}) {
                        RugPullSniffer.Params p = new RugPullSniffer.Params(d.cleanMaxTop10Bps(), d.maxReportAgeMs(),
                                d.lookbackMs(), entry, maxHoldMs, d.coolDownMs(), d.exits());
                        out.add(new Variant(strategy, "entry " + pct(entry) + ", hold " + maxHoldMs / 60_000 + " min",
                                () -> new RugPullSniffer(p)));
                    }
                }
            }
            case DevWalletDrain.NAME -> {
                for (double drop : new double[]{0.03, 0.05, 0.08}) {
                    for (long holdMs : new long[]{600_000, 1_200_000}) {
                        DevWalletDrain.Params p = DevWalletDrain.Params.defaults().withEntry(drop, holdMs);
                        out.add(new Variant(strategy, "drop " + pct(drop) + ", hold " + holdMs / 60_000 + " min",
                                () -> new DevWalletDrain(p)));
                    }
                }
            }
            case BridgeInflow.NAME -> {
                for (double ratio : new double[]{2.0, 3.0, 5.0}) {
                    for (long holdMs : new long[]{900_000, 1_800_000}) {
                        BridgeInflow.Params p = BridgeInflow.Params.defaults().withEntry(ratio, holdMs);
                        out.add(new Variant(strategy, "surge " + ratio + "x, hold " + holdMs / 60_000 + " min",
                                () -> new BridgeInflow(p)));
                    }
                }
            }
            case LiquidityMigration.NAME -> {
                for (double minUsd : new double[]{50_000, 100_000, 200_000}) {
                    for (long holdMs : new long[]{900_000, 1_800_000}) {
                        LiquidityMigration.Params p = LiquidityMigration.Params.defaults().withEntry(minUsd, holdMs);
                        out.add(new Variant(strategy, "liquidity >= " + (long) minUsd / 1000 + "k USD, hold "
                                + holdMs / 60_000 + " min", () -> new LiquidityMigration(p)));
                    }
                }
            }
            case SocialBuzz.NAME -> {
                for (double ratio : new double[]{2.5, 3.0, 4.0}) {
                    for (long holdMs : new long[]{300_000, 600_000}) {
                        SocialBuzz.Params p = SocialBuzz.Params.defaults().withBurst(ratio, holdMs);
                        out.add(new Variant(strategy, "burst " + ratio + "x, hold " + holdMs / 60_000 + " min",
                                () -> new SocialBuzz(p)));
                    }
                }
            }
            case KoreanTimeBurst.NAME -> {
                for (double ratio : new double[]{2.5, 3.0, 4.0}) {
                    for (long holdMs : new long[]{600_000, 900_000}) {
                        KoreanTimeBurst.Params p = KoreanTimeBurst.Params.defaults().withBurst(ratio, holdMs);
                        out.add(new Variant(strategy, "volume " + ratio + "x, hold " + holdMs / 60_000 + " min",
                                () -> new KoreanTimeBurst(p)));
                    }
                }
            }
            case EthBreakoutMomentum.NAME -> {
                for (int n : new int[]{20, 30, 45}) {
                    for (int m : new int[]{10, 15}) {
                        EthBreakoutMomentum.Params p = EthBreakoutMomentum.Params.defaults().withChannel(n, m);
                        out.add(new Variant(strategy, "channel " + n + ", exit low " + m,
                                () -> new EthBreakoutMomentum(p)));
                    }
                }
            }
            default -> throw new IllegalArgumentException("no parameter grid for strategy " + strategy);
        }
        return out;
    }

    private static String pct(double fraction) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", fraction * 100);
    }

}
