package memesnipe.strategy.core;

import memesnipe.model.event.WalletLabel;
import memesnipe.model.event.WalletTransfer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DevWalletDrainTest {
    private final DevWalletDrain strategy = new DevWalletDrain();
    private final Feed feed = new Feed(strategy, 1_000);

    /** The dev wallet sends a share of supply to an exchange now, keeping the given share. */
    private void devSells(int supplyBps, int remainingBps) {
        feed.event(new WalletTransfer("TOAD", feed.now(), "solana", WalletLabel.DEV, WalletLabel.EXCHANGE,
                1_000_000_000L, supplyBps, remainingBps));
    }

    private void ticks(int n, double price) {
        for (int i = 0; i < n; i++) {
            feed.tick("TOAD", price);
        }
    }

    /** 10 s at 1.00, then three chunks (500, 800, 700 bps) with the price stepping down to 0.96. */
    private void drainTo(double lastPrice) {
        ticks(10, 1.00);
        devSells(500, 1_500);
        ticks(30, 0.99);
        devSells(800, 700);
        ticks(30, 0.97);
        devSells(700, 0);
        feed.tick("TOAD", lastPrice);
    }

    @Test
    void onTick_afterACompletedDrainAndADropOfFivePercent_entersThenExitsOnTheTimeStop() {
        drainTo(0.95);
        long entrySeq = feed.seq();
        ticks(1_199, 0.96);
        assertThat(feed.signals).hasSize(1);
        long exitSeq = feed.tick("TOAD", 0.96); // 1,200 s after the entry

        assertThat(feed.signals).extracting(Signal::kind)
                .containsExactly(Signal.Kind.ENTER_LONG, Signal.Kind.EXIT_LONG);
        Signal enter = feed.signals.get(0);
        assertThat(enter.seq()).isEqualTo(entrySeq);
        assertThat(enter.strategy()).isEqualTo("dev_wallet_drain");
        assertThat(enter.stopLossBps()).isEqualTo(500);
        assertThat(enter.takeProfitBps()).isEqualTo(1000);
        assertThat(enter.trailingStopBps()).isZero();
        assertThat(enter.reason()).contains("sold 2000 bps", "0 bps left", "5.000% below");
        assertThat(feed.signals.get(1).seq()).isEqualTo(exitSeq);
        assertThat(feed.signals.get(1).reason()).contains("time stop");
    }

    @Test
    void onTick_whenTheDropComesAfterTheDrain_entersOnTheFirstTickAtTheDrop_withinTheWindow() {
        drainTo(0.97);
        ticks(60, 0.96);
        assertThat(feed.signals).isEmpty();
        long seq = feed.tick("TOAD", 0.949);

        assertThat(feed.signals).extracting(Signal::seq).containsExactly(seq);
    }

    @Test
    void onTick_whenTheDrainIsOlderThanTheEntryWindow_doesNotEnter() {
        drainTo(0.97);
        for (int i = 0; i < 300; i++) {
            feed.skip(); // the token's price source is silent for 5 min
        }
        ticks(5, 0.90);

        assertThat(feed.signals).isEmpty();
    }

    @Test
    void onEvent_aThreatWhileLong_exitsAtOnceOnTheLastTick() {
        drainTo(0.95);
        ticks(100, 0.99);
        long lastSeq = feed.seq();
        devSells(300, 2_000); // the dev got a new allocation and sells again

        assertThat(feed.signals).extracting(Signal::kind)
                .containsExactly(Signal.Kind.ENTER_LONG, Signal.Kind.EXIT_LONG);
        assertThat(feed.signals.get(1).seq()).isEqualTo(lastSeq);
        assertThat(feed.signals.get(1).reason()).contains("300 bps", "2000 bps left");
    }

    @Test
    void onTick_whileTheDevStillHoldsSupply_neverEnters_howeverFarThePriceFalls() {
        ticks(10, 1.00);
        devSells(500, 1_500);
        ticks(60, 0.90);
        devSells(500, 1_000); // stops selling with 10 % of supply left: quarantined, not drained
        ticks(1_200, 0.80);

        assertThat(feed.signals).isEmpty();
    }

    @Test
    void onEvent_aTransferLeavingTheDevHoldingAgain_dropsTheArmedRebound() {
        drainTo(0.97);
        feed.event(new WalletTransfer("TOAD", feed.now(), "solana", WalletLabel.DEV, WalletLabel.EXCHANGE,
                1_000_000L, 20, 900)); // small, but the dev holds 9 % again
        ticks(60, 0.90);

        assertThat(feed.signals).isEmpty();
    }

    @Test
    void onTick_withNoPriceBeforeTheDrain_doesNotEnter() {
        devSells(500, 1_500); // no tick of TOAD yet: the pre-drain price is missing
        devSells(1_500, 0);
        ticks(60, 0.50);

        assertThat(feed.signals).isEmpty();
    }

    @Test
    void onTick_whenThePriceBeforeTheDrainIsStale_doesNotEnter() {
        ticks(10, 1.00);
        for (int i = 0; i < 120; i++) {
            feed.skip(); // the last price is 2 min old when the dev starts selling
        }
        devSells(2_000, 0);
        ticks(60, 0.50);

        assertThat(feed.signals).isEmpty();
    }

    @Test
    void onEvent_transfersOtherThanDevToExchange_areIgnored() {
        ticks(10, 1.00);
        for (WalletLabel[] route : new WalletLabel[][]{{WalletLabel.DEV, WalletLabel.BURN},
                {WalletLabel.UNKNOWN, WalletLabel.EXCHANGE}, {WalletLabel.DEV, WalletLabel.POOL}}) {
            feed.event(new WalletTransfer("TOAD", feed.now(), "solana", route[0], route[1], 1_000_000_000L, 2_000, 0));
        }
        ticks(60, 0.50);

        assertThat(feed.signals).isEmpty();
    }

    @Test
    void onEvent_aSmallTransferOutsideAnEpisode_startsNothing() {
        ticks(10, 1.00);
        devSells(40, 10); // below the 100 bps threat: no episode, so no reference and no rebound
        ticks(60, 0.50);

        assertThat(feed.signals).isEmpty();
    }

    @Test
    void onRejected_afterADeniedEntry_isFlat_soAThreatExitsNothing() {
        drainTo(0.95);
        strategy.onRejected("TOAD");
        ticks(10, 0.95);
        devSells(300, 2_000);

        assertThat(feed.signals).extracting(Signal::kind).containsExactly(Signal.Kind.ENTER_LONG);
    }
}
