package memesnipe.risk.portfolio;

import memesnipe.model.FillEvent;
import memesnipe.model.Side;
import memesnipe.model.money.AmountOverflow;
import memesnipe.model.money.Fixed;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portfolio keeps its figures in structures made for the per-tick path (a quote per symbol updated in place and
 * shared by its positions, the positions listed per symbol and per strategy). Over thousands of random fills and
 * marks (repeats, sells beyond the holding, lots changing, amounts near the long range) every figure it reports
 * equals a plain reference that keeps one list of positions and one map of marks and recomputes everything by
 * scanning them, as the portfolio did before: the same values, the same overflows, the same order of positions.
 */
class PortfolioReferenceTest {
    static final String[] STRATEGIES = {"b_strat", "a_strat", "c_strat"};
    static final String[] SYMBOLS = {"SOL", "PEPE", "BTC"};

    /** The plain book: positions in opening order, marks by symbol, everything recomputed by scanning. */
    static final class Reference {
        record Mark(long priceE8, long timeMs, int lot) {
        }

        static final class Pos {
            final String strategy;
            final String symbol;
            final int lot;
            long qty;
            long cost;

            Pos(String strategy, String symbol, int lot) {
                this.strategy = strategy;
                this.symbol = symbol;
                this.lot = lot;
            }
        }

        long cash;
        final List<Pos> positions = new ArrayList<>();
        final Map<String, Mark> marks = new HashMap<>();
        final Map<String, Long> realized = new TreeMap<>();
        final Set<String> applied = new HashSet<>();
        long lotMismatches;

        Reference(long cash) {
            this.cash = cash;
        }

        Pos find(String strategy, String symbol) {
            for (Pos p : positions) {
                if (p.strategy.equals(strategy) && p.symbol.equals(symbol)) {
                    return p;
                }
            }
            return null;
        }

        /** Books the fill whole or not at all; false when refused. */
        boolean book(FillEvent f) {
            if (applied.contains(f.clientOrderId())) {
                return false;
            }
            if (f.qtyE8() <= 0 || f.priceE8() <= 0 || f.feeE8() < 0) {
                return false;
            }
            Pos p = find(f.strategy(), f.symbol());
            if (p != null && p.lot != f.lotExponent()) {
                return false;
            }
            long heldQty = p == null ? 0 : p.qty;
            long heldCost = p == null ? 0 : p.cost;
            long newCash;
            long qty;
            long cost;
            long gain;
            try {
                long notional = Fixed.mul(f.qtyE8(), f.priceE8());
                if (f.side() == Side.BUY) {
                    newCash = Fixed.sub(cash, Fixed.add(notional, f.feeE8()));
                    qty = Fixed.add(heldQty, f.qtyE8());
                    cost = Fixed.add(heldCost, notional);
                    gain = -f.feeE8();
                } else {
                    long sold = Math.min(f.qtyE8(), heldQty);
                    long soldNotional = sold == f.qtyE8() ? notional : Fixed.mul(sold, f.priceE8());
                    long released = heldQty == 0 ? 0 : sold == heldQty ? heldCost : Fixed.mulDiv(heldCost, sold, heldQty);
                    newCash = Fixed.add(cash, Fixed.sub(soldNotional, f.feeE8()));
                    qty = heldQty - sold;
                    cost = Fixed.sub(heldCost, released);
                    gain = Fixed.sub(Fixed.sub(soldNotional, released), f.feeE8());
                }
                gain = Fixed.add(realized.getOrDefault(f.strategy(), 0L), gain);
            } catch (AmountOverflow e) {
                return false;
            }
            applied.add(f.clientOrderId());
            cash = newCash;
            realized.put(f.strategy(), gain);
            if (qty == 0) {
                positions.remove(p);
            } else {
                if (p == null) {
                    p = new Pos(f.strategy(), f.symbol(), f.lotExponent());
                    positions.add(p);
                }
                p.qty = qty;
                p.cost = cost;
                Mark m = marks.get(f.symbol());
                if (m != null && m.lot() != f.lotExponent()) {
                    marks.remove(f.symbol());
                }
            }
            return true;
        }

        boolean mark(String symbol, long price, long time, int lot) {
            for (Pos p : positions) {
                if (p.symbol.equals(symbol) && p.lot != lot) {
                    lotMismatches++;
                    return false;
                }
            }
            marks.put(symbol, new Mark(price, time, lot));
            return true;
        }

        long value(Pos p) {
            Mark m = marks.get(p.symbol);
            return m == null ? p.cost : Fixed.mul(p.qty, m.priceE8());
        }

        long sum(String strategy, String symbol) {
            long sum = 0;
            for (Pos p : positions) {
                if ((strategy == null || p.strategy.equals(strategy)) && (symbol == null || p.symbol.equals(symbol))) {
                    sum = Fixed.add(sum, value(p));
                }
            }
            return sum;
        }

        long equity() {
            long equity = cash;
            for (Pos p : positions) {
                equity = Fixed.add(equity, value(p));
            }
            return equity;
        }

        long pnl(String strategy) {
            long pnl = realized.getOrDefault(strategy, 0L);
            for (Pos p : positions) {
                if (p.strategy.equals(strategy)) {
                    pnl = Fixed.add(pnl, Fixed.sub(value(p), p.cost));
                }
            }
            return pnl;
        }

        boolean marked(String strategy) {
            for (Pos p : positions) {
                if ((strategy == null || p.strategy.equals(strategy)) && !marks.containsKey(p.symbol)) {
                    return false;
                }
            }
            return true;
        }
    }

    @Test
    void everyFigure_equalsAPlainRecomputation_overRandomFillsAndMarks() {
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            long capital = rnd.nextBoolean() ? 10_000 * Fixed.ONE : Long.MAX_VALUE / 4;
            Portfolio book = new Portfolio(capital);
            Reference ref = new Reference(capital);
            List<String> ids = new ArrayList<>();
            long time = 1_000;
            for (int step = 0; step < 1_500; step++) {
                String symbol = SYMBOLS[rnd.nextInt(SYMBOLS.length)];
                int lot = rnd.nextInt(12) == 0 ? 3 : 0;
                time += rnd.nextInt(-5, 500);
                switch (rnd.nextInt(5)) {
                    case 0, 1 -> {
                        long price = price(rnd);
                        assertThat(book.mark(symbol, price, time, lot)).isEqualTo(ref.mark(symbol, price, time, lot));
                    }
                    case 2 -> {
                        long price = price(rnd);
                        Reference.Mark m = ref.marks.get(symbol);
                        if (m == null || m.timeMs() < time) {
                            ref.mark(symbol, price, time, lot);
                        }
                        book.markIfNewer(symbol, price, time, lot);
                    }
                    default -> {
                        String strategy = STRATEGIES[rnd.nextInt(STRATEGIES.length)];
                        boolean repeat = !ids.isEmpty() && rnd.nextInt(20) == 0;
                        String id = repeat ? ids.get(rnd.nextInt(ids.size())) : "f" + step;
                        ids.add(id);
                        Reference.Pos held = ref.find(strategy, symbol);
                        Side side = held != null && rnd.nextInt(3) > 0 ? Side.SELL : Side.BUY;
                        long qty = side == Side.SELL && rnd.nextInt(4) > 0
                                ? Math.max(1, held.qty / (1 + rnd.nextInt(3)) + rnd.nextInt(-1, 2)) : quantity(rnd);
                        FillEvent f = new FillEvent("log", step + 1, id, strategy, symbol, side, qty, price(rnd),
                                rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(1_000_000), time, held != null && rnd.nextInt(30) > 0
                                ? held.lot : lot);
                        boolean booked;
                        try {
                            booked = book.apply(f);
                        } catch (Portfolio.UnbookableFill e) {
                            booked = false;
                        }
                        assertThat(booked).as("seed %d step %d: %s", seed, step, f).isEqualTo(ref.book(f));
                    }
                }
                same(book, ref, "seed " + seed + " step " + step);
            }
        }
    }

    static long price(SplittableRandom rnd) {
        return switch (rnd.nextInt(10)) {
            case 0 -> Long.MAX_VALUE / 2 + rnd.nextInt(1_000);
            case 1 -> 1 + rnd.nextInt(100);
            default -> Fixed.ONE + rnd.nextLong(1_000 * Fixed.ONE);
        };
    }

    static long quantity(SplittableRandom rnd) {
        return switch (rnd.nextInt(10)) {
            case 0 -> Long.MAX_VALUE / 3;
            case 1 -> 1;
            default -> 1 + rnd.nextLong(50 * Fixed.ONE);
        };
    }

    static void same(Portfolio book, Reference ref, String where) {
        assertThat(book.cashE8()).as(where).isEqualTo(ref.cash);
        assertThat(figure(book::equityE8)).as(where + ": equity").isEqualTo(figure(ref::equity));
        assertThat(figure(book::grossExposureE8)).as(where + ": gross").isEqualTo(figure(() -> ref.sum(null, null)));
        assertThat(book.marked(null)).as(where).isEqualTo(ref.marked(null));
        assertThat(book.openPositions()).as(where).isEqualTo(ref.positions.size());
        assertThat(book.lotMismatchedMarks()).as(where).isEqualTo(ref.lotMismatches);
        assertThat(book.strategiesWithPnl()).as(where).containsExactlyElementsOf(ref.realized.keySet());
        assertThat(describe(book.positions())).as(where + ": the positions in opening order")
                .isEqualTo(describeRef(ref.positions, null, null));
        assertThat(describe(book.book())).as(where).isEqualTo(describeRef(ref.positions, null, null));
        for (String strategy : STRATEGIES) {
            assertThat(figure(() -> book.exposureE8(strategy))).as(where + ": exposure of " + strategy)
                    .isEqualTo(figure(() -> ref.sum(strategy, null)));
            assertThat(figure(() -> book.strategyPnlE8(strategy))).as(where + ": P&L of " + strategy)
                    .isEqualTo(figure(() -> ref.pnl(strategy)));
            assertThat(book.marked(strategy)).as(where).isEqualTo(ref.marked(strategy));
        }
        for (String symbol : SYMBOLS) {
            assertThat(figure(() -> book.symbolExposureE8(symbol))).as(where + ": exposure in " + symbol)
                    .isEqualTo(figure(() -> ref.sum(null, symbol)));
            assertThat(describe(book.positionsIn(symbol))).as(where + ": positions in " + symbol)
                    .isEqualTo(describeRef(ref.positions, null, symbol));
            Reference.Mark m = ref.marks.get(symbol);
            Portfolio.Mark got = book.markOf(symbol);
            assertThat(got == null ? null : new Reference.Mark(got.priceE8(), got.timeMs(), got.lotExponent()))
                    .as(where + ": mark of " + symbol).isEqualTo(m);
            for (String strategy : STRATEGIES) {
                Position p = book.position(strategy, symbol);
                Reference.Pos r = ref.find(strategy, symbol);
                assertThat(book.qtyE8(strategy, symbol)).isEqualTo(r == null ? 0 : r.qty);
                if (p != null) {
                    assertThat(book.markTimeMs(p)).isEqualTo(m == null ? Long.MIN_VALUE : m.timeMs());
                    assertThat(figure(() -> book.valueE8(p))).isEqualTo(figure(() -> ref.value(r)));
                }
            }
        }
    }

    /** The value, or the overflow's message (which names the figures). */
    static String figure(LongSupplier f) {
        try {
            return Long.toString(f.getAsLong());
        } catch (AmountOverflow e) {
            return "overflow: " + e.getMessage();
        }
    }

    static List<String> describe(java.util.Collection<Position> positions) {
        List<String> out = new ArrayList<>();
        for (Position p : positions) {
            out.add(p.strategy() + "/" + p.symbol() + "/" + p.lotExponent() + " " + p.qtyE8() + " at " + p.costE8());
        }
        return out;
    }

    static List<String> describeRef(List<Reference.Pos> positions, String strategy, String symbol) {
        List<String> out = new ArrayList<>();
        for (Reference.Pos p : positions) {
            if ((strategy == null || p.strategy.equals(strategy)) && (symbol == null || p.symbol.equals(symbol))) {
                out.add(p.strategy + "/" + p.symbol + "/" + p.lot + " " + p.qty + " at " + p.cost);
            }
        }
        return out;
    }
}
