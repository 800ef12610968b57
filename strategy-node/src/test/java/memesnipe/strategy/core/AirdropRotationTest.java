package memesnipe.strategy.core;

import memesnipe.model.event.TokenEvent;
import memesnipe.model.event.TokenEventKind;
import memesnipe.model.event.TokenRisk;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AirdropRotationTest {
    static final long MIN = 60_000;
    private final AirdropRotation strategy = new AirdropRotation();
    private final Feed feed = new Feed(strategy, 1_000);

    /** The time of the feed's last tick. */
    private long now() {
        return Feed.T0 + feed.seq() * 1_000;
    }

    private List<Signal> event(String symbol, TokenEventKind kind, long atMs, long snapshotMs, long claimMs) {
        List<Signal> out = strategy.onEvent(new TokenEvent(symbol, atMs, kind, snapshotMs, claimMs));
        feed.signals.addAll(out);
        return out;
    }

    /** An announcement made now, its snapshot and claim opening the given minutes ahead. */
    private void announce(String symbol, long snapshotInMin, long claimInMin) {
        event(symbol, TokenEventKind.AIRDROP_ANNOUNCED, now(), now() + snapshotInMin * MIN, now() + claimInMin * MIN);
    }

    /** One tick of each symbol per second, for the given seconds. */
    private void ticks(int seconds, String... symbols) {
        for (int i = 0; i < seconds; i++) {
            for (String s : symbols) {
                feed.tick(s, 2.0);
            }
        }
    }

    @Test
    void anAnnouncement_entersOnTheNextTick_andExitsAtTheFirstTickWithinTheLeadOfTheSnapshot() {
        ticks(5, "JUP");
        announce("JUP", 30, 40);
        long snapshot = now() + 30 * MIN;
        long entry = feed.tick("JUP", 2.0);
        ticks(30 * 60 - 62, "JUP");
        assertThat(feed.signals).hasSize(1);
        long exit = feed.tick("JUP", 2.0);

        assertThat(feed.signals).hasSize(2);
        Signal in = feed.signals.get(0);
        assertThat(in.kind()).isEqualTo(Signal.Kind.ENTER_LONG);
        assertThat(in.seq()).isEqualTo(entry);
        assertThat(in.strategy()).isEqualTo("airdrop_rotation");
        assertThat(in.stopLossBps()).isEqualTo(500);
        assertThat(in.takeProfitBps()).isZero();
        assertThat(in.reason()).isEqualTo("airdrop announced 1 s ago, snapshot in 1799 s >= 600 s, 1 of 3 tokens held");
        Signal out = feed.signals.get(1);
        assertThat(out.kind()).isEqualTo(Signal.Kind.EXIT_LONG);
        assertThat(out.seq()).isEqualTo(exit);
        assertThat(Feed.T0 + exit * 1_000).isEqualTo(snapshot - 60_000);
        assertThat(out.reason()).isEqualTo("snapshot in 60 s <= lead 60 s");
    }

    @Test
    void aSnapshotTooClose_isNotEntered() {
        ticks(5, "JUP");
        announce("JUP", 9, 20);
        ticks(60, "JUP");
        assertThat(feed.signals).isEmpty();
    }

    @Test
    void aStaleAnnouncement_isNotEntered() {
        ticks(5, "JUP");
        event("JUP", TokenEventKind.AIRDROP_ANNOUNCED, now() - 31 * MIN, now() + 20 * MIN, now() + 30 * MIN);
        ticks(60, "JUP");
        assertThat(feed.signals).as("announced 31 min ago, max 30").isEmpty();
    }

    @Test
    void withoutAnnouncement_orWithOtherEvents_nothingIsEntered() {
        ticks(5, "JUP");
        feed.signals.addAll(strategy.onEvent(new TokenRisk("JUP", now(), false, 1_000, 0)));
        event("JUP", TokenEventKind.AIRDROP_SNAPSHOT, now(), now(), now() + 10 * MIN);
        ticks(60, "JUP");
        assertThat(feed.signals).isEmpty();
    }

    @Test
    void theSnapshotEventWhileLong_exitsAtOnceOnTheLastTick() {
        announce("JUP", 30, 40);
        ticks(10, "JUP");
        long last = feed.seq();

        List<Signal> out = event("JUP", TokenEventKind.AIRDROP_SNAPSHOT, now(), now(), now() + 10 * MIN);

        assertThat(out).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(Signal.Kind.EXIT_LONG);
            assertThat(s.seq()).isEqualTo(last);
            assertThat(s.reason()).isEqualTo("the airdrop's snapshot was taken");
        });
        ticks(60, "JUP");
        assertThat(feed.signals).as("the same airdrop is not entered again").hasSize(2);
    }

    @Test
    void theClaimOpeningWhileLong_exits_evenWhenTheEntryWasOnTheLastTick() {
        announce("JUP", 30, 40);
        long entry = feed.tick("JUP", 2.0);

        assertThat(event("JUP", TokenEventKind.AIRDROP_CLAIM_OPEN, now(), now(), now())).isEmpty();
        long next = feed.tick("JUP", 2.0);

        assertThat(feed.signals).extracting(Signal::kind).containsExactly(Signal.Kind.ENTER_LONG, Signal.Kind.EXIT_LONG);
        assertThat(feed.signals.get(0).seq()).isEqualTo(entry);
        assertThat(feed.signals.get(1).seq()).isEqualTo(next);
    }

    @Test
    void rotation_atMostThreeHeld_theNextAnnouncedTakesTheFirstFreedSlot() {
        announce("AAA", 15, 20);
        announce("BBB", 30, 40);
        announce("CCC", 30, 40);
        announce("DDD", 30, 40);
        ticks(1, "AAA", "BBB", "CCC", "DDD");
        assertThat(feed.signals).extracting(Signal::symbol).containsExactly("AAA", "BBB", "CCC");

        ticks(209, "AAA", "BBB", "CCC", "DDD"); // each symbol ticks every 4 s: the last round ends at 840 s
        assertThat(feed.signals).hasSize(3);

        ticks(1, "AAA", "BBB", "CCC", "DDD"); // AAA at 841 s is within 60 s of its snapshot at 900 s

        assertThat(feed.signals).extracting(s -> s.symbol() + " " + s.kind()).containsExactly("AAA ENTER_LONG",
                "BBB ENTER_LONG", "CCC ENTER_LONG", "AAA EXIT_LONG", "DDD ENTER_LONG");
        assertThat(feed.signals.get(4).seq()).as("DDD's next tick").isEqualTo(feed.signals.get(3).seq() + 3);
    }

    @Test
    void onRejected_freesTheSlot_andTheAirdropIsTriedAgainAfterTheCoolDown() {
        announce("JUP", 30, 40);
        long first = feed.tick("JUP", 2.0);
        strategy.onRejected("JUP");
        ticks(5, "JUP");

        assertThat(feed.signals).extracting(Signal::kind).containsExactly(Signal.Kind.ENTER_LONG, Signal.Kind.ENTER_LONG);
        assertThat(feed.signals.get(1).seq()).isEqualTo(first + 5);
    }
}
