package memesnipe.gateway.replay;

import memesnipe.gateway.feed.RawSignal;
import memesnipe.gateway.feed.RawTick;
import memesnipe.model.event.BridgeFlow;
import memesnipe.model.event.LpLock;
import memesnipe.model.event.MarketSignal;
import memesnipe.model.event.PerpFunding;
import memesnipe.model.event.PoolChange;
import memesnipe.model.event.SocialMentions;
import memesnipe.model.event.TokenEvent;
import memesnipe.model.event.TokenEventKind;
import memesnipe.model.event.TokenRisk;
import memesnipe.model.event.WalletLabel;
import memesnipe.model.event.WalletTransfer;
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

    /** The feed's events of one call, all ticks here. */
    static List<RawTick> next(ReplayFeed feed, long nowMs, int count) {
        return feed.next(nowMs, count).stream().map(RawTick.class::cast).toList();
    }

    /** Calls the feed as the gateway's timer does, every 5 ms from {@code from} (inclusive) to {@code to}. */
    static List<RawTick> run(ReplayFeed feed, long from, long to) {
        List<RawTick> out = new ArrayList<>();
        for (long now = from; now <= to; now += 5) {
            List<RawTick> ticks = next(feed, now, 1000);
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
        assertThat(next(feed, START + 5000, 1000)).isEmpty();

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
        assertThat(next(feed, START, 10)).extracting(RawTick::eventTimeMs).containsExactly(START);
        assertThat(next(feed, START + 999, 10)).isEmpty();
        assertThat(next(feed, START + 2100, 10)).extracting(RawTick::eventTimeMs).containsExactly(START + 1000, START + 2000);
        assertThat(next(feed, START + 3000, 10)).extracting(RawTick::eventTimeMs).containsExactly(START + 3000);
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
            for (RawTick t : next(feed, now, 2)) {
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
        assertThat(next(feed, START, 4)).extracting(RawTick::eventTimeMs).containsOnly(START).hasSize(4);
        assertThat(next(feed, START + 5, 4)).extracting(RawTick::eventTimeMs).containsOnly(START + 5).hasSize(4);
        assertThat(next(feed, START + 10, 4)).hasSize(2);
        assertThat(feed.done()).isTrue();
    }

    @Test
    void recordedLiquidity_winsOverTheConfiguredOne() {
        ReplayEvent recorded = new ReplayEvent("SOL", T0, BigDecimal.TEN, BigDecimal.ONE, null, new BigDecimal("123456.5"));
        ReplayFeed feed = new ReplayFeed(List.of(recorded), 1, 50_000, 250);
        assertThat(next(feed, START, 1)).singleElement().extracting(RawTick::liquidityUsd).isEqualTo(123456.5);
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
            for (RawTick t : next(feed, now, 2_000_000 / 200)) { // feed-rate 2 000 000 events/s, 5 ms timer
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

    @Test
    void signals_areEmittedInFileOrderWithTicks_retimedWithTheirWholeSchedule() {
        List<ReplayEvent> events = List.of(
                ReplayEvent.trade("PEPE", T0, BigDecimal.ONE, BigDecimal.TEN),
                ReplayEvent.of(new TokenEvent("PEPE", T0 + 1_000, TokenEventKind.AIRDROP_ANNOUNCED, T0 + 61_000,
                        T0 + 121_000)),
                ReplayEvent.of(new PerpFunding("PEPE", T0 + 2_000, 123_450_000L, 6, 10_000L, T0 + 3_600_000,
                        28_800_000L)),
                ReplayEvent.of(new SocialMentions("PEPE", T0 + 2_000, 42, 60_000, 2_500, "x")),
                ReplayEvent.trade("PEPE", T0 + 60_000, BigDecimal.valueOf(2), BigDecimal.TEN));
        ReplayFeed feed = new ReplayFeed(events, 60, 50_000, 250); // a minute of data per second

        assertThat(next(feed, START, 10)).singleElement().extracting(RawTick::eventTimeMs).isEqualTo(START);
        // due at START + 1000 / 60 and START + 2000 / 60; every time of a signal moves with its event time
        assertThat(feed.next(START + 40, 10)).extracting(e -> ((RawSignal) e).signal()).containsExactly(
                new TokenEvent("PEPE", START + 16, TokenEventKind.AIRDROP_ANNOUNCED, START + 16 + 60_000,
                        START + 16 + 120_000),
                new PerpFunding("PEPE", START + 33, 123_450_000L, 6, 10_000L, START + 33 + 3_598_000, 28_800_000L),
                new SocialMentions("PEPE", START + 33, 42, 60_000, 2_500, "x"));
        assertThat(feed.next(START + 999, 10)).isEmpty();
        assertThat(next(feed, START + 1_000, 10)).singleElement().extracting(RawTick::eventTimeMs).isEqualTo(START + 1_000);
        assertThat(feed.done()).isTrue();
    }

    @Test
    void shifted_movesEveryTimeOfEachKind_andNothingElse() {
        long d = -1_000;
        List<MarketSignal> before = List.of(
                new SocialMentions("A", T0, 1, 60_000, 5, "x"),
                new WalletTransfer("A", T0, "solana", WalletLabel.DEV, WalletLabel.EXCHANGE, 5, 6, 7),
                new BridgeFlow("SOL", T0, "ethereum", "solana", "USDC", 9),
                new PoolChange("A", T0, "p", "raydium", -5, 10, LpLock.LOCKED, true),
                new PerpFunding("A", T0, 100, 2, -3, T0 + 10, 60_000),
                new TokenEvent("A", T0, TokenEventKind.AIRDROP_SNAPSHOT, T0 - 5, T0 + 5),
                new TokenRisk("A", T0, true, 1, 2));
        assertThat(before.stream().map(s -> ReplayFeed.shifted(s, d)).toList()).containsExactly(
                new SocialMentions("A", T0 + d, 1, 60_000, 5, "x"),
                new WalletTransfer("A", T0 + d, "solana", WalletLabel.DEV, WalletLabel.EXCHANGE, 5, 6, 7),
                new BridgeFlow("SOL", T0 + d, "ethereum", "solana", "USDC", 9),
                new PoolChange("A", T0 + d, "p", "raydium", -5, 10, LpLock.LOCKED, true),
                new PerpFunding("A", T0 + d, 100, 2, -3, T0 + 10 + d, 60_000),
                new TokenEvent("A", T0 + d, TokenEventKind.AIRDROP_SNAPSHOT, T0 - 5 + d, T0 + 5 + d),
                new TokenRisk("A", T0 + d, true, 1, 2));
        assertThat(ReplayFeed.shifted(before.get(0), 0)).isSameAs(before.get(0));
    }
}
