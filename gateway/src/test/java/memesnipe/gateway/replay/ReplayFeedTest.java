package memesnipe.gateway.replay;

import memesnipe.gateway.feed.RawTick;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ReplayFeed pacing with explicit gateway times (no sleeping, no clock). */
class ReplayFeedTest {
    static final long T0 = 1_385_337_600_000L;
    static final long START = 1_700_000_000_000L;

    /** One trade per second for {@code seconds + 1} seconds, price 100 + i. */
    static List<ReplayEvent> everySecond(int seconds) {
        List<ReplayEvent> out = new ArrayList<>();
        for (int i = 0; i <= seconds; i++) {
            out.add(ReplayEvent.trade("BTC", T0 + i * 1000L, BigDecimal.valueOf(100 + i), BigDecimal.ONE));
        }
        return out;
    }

    /** Calls the feed as the gateway's timer does, every 5 ms from {@code from} (inclusive) to {@code to}. */
    static List<RawTick> run(ReplayFeed feed, long from, long to) {
        List<RawTick> out = new ArrayList<>();
        for (long now = from; now <= to; now += 5) {
            List<RawTick> ticks = feed.next(now, 1000);
            for (RawTick t : ticks) {
                assertThat(t.eventTimeMs()).isBetween(now - 5, now); // due since the previous call
            }
            out.addAll(ticks);
        }
        return out;
    }

    @Test
    void atSpeed60_aMinuteOfDataIsEmittedInOneSecond_retimedToTheGatewayClock() {
        ReplayFeed feed = new ReplayFeed(everySecond(60), 60, 1_000_000, 250);
        List<RawTick> ticks = run(feed, START, START + 500);
        assertThat(ticks).hasSize(31); // data seconds 0..30 in the first half second
        ticks.addAll(run(feed, START + 505, START + 995));
        assertThat(ticks).hasSize(60);
        assertThat(feed.done()).isFalse();
        ticks.addAll(run(feed, START + 1000, START + 1000));
        assertThat(feed.done()).isTrue();
        assertThat(feed.progress()).isEqualTo(new ReplayFeed.Progress(61, 61, true, 0));
        assertThat(feed.next(START + 5000, 1000)).isEmpty();

        // each event at START + (t - t0) / 60: data second i lands at floor(i * 1000 / 60) ms
        for (int i = 0; i <= 60; i++) {
            assertThat(ticks.get(i).eventTimeMs()).isEqualTo(START + i * 1000L / 60);
            assertThat(ticks.get(i).price()).isEqualTo(100.0 + i);
        }
        assertThat(ticks).allSatisfy(t -> {
            assertThat(t.symbol()).isEqualTo("BTC");
            assertThat(t.liquidityUsd()).isEqualTo(1_000_000);
            assertThat(t.volume()).isEqualTo(1.0);
        });
    }

    @Test
    void atSpeed1_eventsWaitForTheirTime_andCarryTheirSpacing() {
        ReplayFeed feed = new ReplayFeed(everySecond(3), 1, 50_000, 10_000); // a lag that calls 2 s apart never reach
        assertThat(feed.next(START, 10)).extracting(RawTick::eventTimeMs).containsExactly(START);
        assertThat(feed.next(START + 999, 10)).isEmpty();
        assertThat(feed.next(START + 2100, 10)).extracting(RawTick::eventTimeMs).containsExactly(START + 1000, START + 2000);
        assertThat(feed.next(START + 3000, 10)).extracting(RawTick::eventTimeMs).containsExactly(START + 3000);
        assertThat(feed.emitted()).isEqualTo(4);
        assertThat(feed.slippedMs()).isZero();
    }

    @Test
    void whenTheCallerTakesFewerThanAreDue_theReplaySlowsDown_neverStampingAnEventStale() {
        // 60 events due within one second at speed 60, but the caller takes 2 per 100 ms call (20 events/s)
        ReplayFeed feed = new ReplayFeed(everySecond(59), 60, 50_000, 250);
        List<RawTick> all = new ArrayList<>();
        long now = START;
        while (!feed.done()) {
            for (RawTick t : feed.next(now, 2)) {
                assertThat(now - t.eventTimeMs()).isBetween(0L, 250L);
                all.add(t);
            }
            now += 100;
        }
        assertThat(all).hasSize(60);
        // 31 calls (only the first event is due at the first): the caller's pace, not the data's
        assertThat(now - START).isEqualTo(3100);
        assertThat(feed.slippedMs()).isBetween(1500L, 2000L); // about 2 s behind, less the 250 ms lag allowed
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).eventTimeMs()).isGreaterThanOrEqualTo(all.get(i - 1).eventTimeMs());
            assertThat(all.get(i).price()).isEqualTo(100.0 + i);
        }
    }

    @Test
    void atSpeed0_eachCallEmitsItsCount_stampedNow() {
        ReplayFeed feed = new ReplayFeed(everySecond(9), 0, 50_000, 250);
        assertThat(feed.next(START, 4)).extracting(RawTick::eventTimeMs).containsOnly(START).hasSize(4);
        assertThat(feed.next(START + 5, 4)).extracting(RawTick::eventTimeMs).containsOnly(START + 5).hasSize(4);
        assertThat(feed.next(START + 10, 4)).hasSize(2);
        assertThat(feed.done()).isTrue();
    }

    @Test
    void recordedLiquidity_winsOverTheConfiguredOne() {
        ReplayEvent recorded = new ReplayEvent("SOL", T0, BigDecimal.TEN, BigDecimal.ONE, null, new BigDecimal("123456.5"));
        ReplayFeed feed = new ReplayFeed(List.of(recorded), 1, 50_000, 250);
        assertThat(feed.next(START, 1)).singleElement().extracting(RawTick::liquidityUsd).isEqualTo(123456.5);
    }

    @Test
    void unsortedEventsOrBadSettings_areRefused() {
        List<ReplayEvent> backwards = List.of(everySecond(1).get(1), everySecond(1).get(0));
        assertThatThrownBy(() -> new ReplayFeed(backwards, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplayFeed(List.of(), -1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplayFeed(List.of(), Double.NaN, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void realBtcTrades_atSpeed1000_areEmittedInOrder_andAllWithinTheLag() throws Exception {
        ReplayData data = ReplayFilesTest.resource(ReplayFilesTest.BTC_TRADES, ReplayFormat.TRADES_CSV, "BTC");
        long span = data.events().get(data.events().size() - 1).eventTimeMs() - data.events().get(0).eventTimeMs();
        ReplayFeed feed = new ReplayFeed(data.events(), 1000, 1_000_000, 250);
        long now = START;
        long count = 0;
        long last = Long.MIN_VALUE;
        while (!feed.done()) {
            for (RawTick t : feed.next(now, 2_000_000 / 200)) { // feed-rate 2 000 000 events/s, 5 ms timer
                assertThat(t.eventTimeMs()).isBetween(now - 250, now).isGreaterThanOrEqualTo(last);
                last = t.eventTimeMs();
                count++;
            }
            now += 5;
        }
        assertThat(count).isEqualTo(100_000);
        // 576 125 s of trades at 1000x is 576 s of gateway time, plus at most one timer period
        assertThat(now - START).isBetween(span / 1000, span / 1000 + 10);
        assertThat(feed.slippedMs()).isZero();
    }
}
