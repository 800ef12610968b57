package memesnipe.performance.promotion;

import memesnipe.performance.ConfidenceInterval;
import memesnipe.performance.EdgeSignificance;
import memesnipe.performance.Figure;
import memesnipe.performance.Sampling;
import memesnipe.performance.Significance;

import static memesnipe.performance.Curves.DAY;
import static memesnipe.performance.Curves.T0;

/** Evidence written out figure by figure for the gate tables: {@link #good()} passes every gate by a margin. */
final class TestEvidence {
    long fromMs = T0;
    long toMs = T0 + 14 * DAY;
    int periods = 60;
    Figure sharpe = Figure.of(2.5);
    int trades = 60;
    int wins = 42;
    Figure maxDrawdown = Figure.of(0.02);
    long latencySamples = 60;
    long latencyTotalMs = 60 * 200;
    Figure pValue = Figure.of(0.01);
    int testedPeriods = 60;

    static TestEvidence good() {
        return new TestEvidence();
    }

    TestEvidence window(long from, long to) {
        fromMs = from;
        toMs = to;
        return this;
    }

    TestEvidence sharpe(double value, int periods) {
        this.sharpe = Figure.of(value);
        this.periods = periods;
        return this;
    }

    TestEvidence sharpe(Figure value) {
        this.sharpe = value;
        return this;
    }

    TestEvidence wins(int wins, int trades) {
        this.wins = wins;
        this.trades = trades;
        return this;
    }

    TestEvidence drawdown(double fraction, int periods) {
        this.maxDrawdown = Figure.of(fraction);
        this.periods = periods;
        return this;
    }

    TestEvidence latency(long totalMs, long samples) {
        this.latencyTotalMs = totalMs;
        this.latencySamples = samples;
        return this;
    }

    TestEvidence pValue(double p, int periods) {
        this.pValue = Figure.of(p);
        this.testedPeriods = periods;
        return this;
    }

    Evidence build() {
        ConfidenceInterval someInterval = new ConfidenceInterval.Range(0, 1, 2_000);
        return new Evidence(fromMs, toMs, Sampling.hourly(), periods, sharpe, someInterval, trades, wins, someInterval,
                maxDrawdown, latencySamples, latencyTotalMs,
                new Significance(EdgeSignificance.TEST, pValue, testedPeriods, 2_000, 1));
    }
}
