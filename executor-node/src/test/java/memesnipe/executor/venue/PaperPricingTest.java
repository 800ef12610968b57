package memesnipe.executor.venue;

import memesnipe.model.money.Fixed;
import memesnipe.model.time.ManualClock;
import memesnipe.model.Side;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PaperPricingTest {
    final ManualClock clock = new ManualClock(1_000);
    final PaperPricing venue = new PaperPricing(10, 10, 2_000, clock);

    @Test
    void buy_paysMarkPlusSlippage_andFeeOnNotional() {
        venue.mark("SOL", Fixed.parse("150"));
        // 150 x (1 + 0.001) = 150.15; notional 2.5 x 150.15 = 375.375; fee 0.1 % = 0.375375
        assertThat(venue.quote("SOL", Side.BUY, Fixed.parse("2.5")))
                .isEqualTo(new PaperPricing.Priced(15_015_000_000L, 37_537_500L, Fixed.parse("2.5")));
    }

    @Test
    void sell_getsMarkMinusSlippage_andFeeOnNotional() {
        venue.mark("SOL", Fixed.parse("150"));
        // 150 x (1 - 0.001) = 149.85; notional 374.625; fee 0.374625
        assertThat(venue.quote("SOL", Side.SELL, Fixed.parse("2.5")))
                .isEqualTo(new PaperPricing.Priced(14_985_000_000L, 37_462_500L, Fixed.parse("2.5")));
    }

    @Test
    void tinyPrice_slippageRoundsTowardZero_inE8() {
        venue.mark("BONK", 1_234L); // 0.00001234: slippage 1.234e-8 -> 1e-8
        assertThat(venue.quote("BONK", Side.BUY, Fixed.parse("1000000")))
                .isEqualTo(new PaperPricing.Priced(1_235L, 1_235_000L, Fixed.parse("1000000"))); // notional 12.35, fee 0.01235
        assertThat(venue.quote("BONK", Side.SELL, Fixed.parse("1000000")))
                .isEqualTo(new PaperPricing.Priced(1_233L, 1_233_000L, Fixed.parse("1000000")));
    }

    @Test
    void anOrderInLots_fillsPerLot_andIsNeverPricedInAnotherLot() {
        venue.mark("BABYDOGE", 3_000_000L, 9); // 3e-11 USD a token = 0.03 USD per lot of 10^9
        // 33,333,333.33 lots (3.3e16 tokens) at 0.03 + 0.1 % = 0.03003: notional 1,001,000 USD, fee 1,001
        assertThat(venue.quote("BABYDOGE", Side.BUY, 3_333_333_333_333_333L, 9))
                .isEqualTo(new PaperPricing.Priced(3_003_000L, 100_099_999_999L, 3_333_333_333_333_333L));
        assertThat(venue.lotProblem("BABYDOGE", 9)).isEmpty();
        assertThat(venue.quote("BABYDOGE", Side.BUY, Fixed.ONE, 0)).isEqualTo(new PaperPricing.NoPrice(
                "LOT_MISMATCH: lot_exponent 0 but the market data has 9 for the symbol (a lot of 10^9 units)"));
        assertThat(venue.lotProblem("BABYDOGE", 12)).isPresent();
        assertThat(venue.lotProblem("UNSEEN", 12)).isEmpty(); // no mark at all: NO_PRICE says so
    }

    @Test
    void withAParticipationCap_anOrderFillsAtMostItsShareOfTheTradedVolume_andNothingWithoutVolume() {
        PaperPricing capped = new PaperPricing(0, 10, 2_000, 1_000, clock); // 10 % of the latest event's volume
        capped.mark("SOL", Fixed.parse("150"), 0, Fixed.parse("4")); // 4 SOL traded
        assertThat(capped.quote("SOL", Side.BUY, Fixed.parse("2.5"))) // 0.4 of 2.5 fills; fee on 60 USD
                .isEqualTo(new PaperPricing.Priced(Fixed.parse("150"), Fixed.parse("0.06"), Fixed.parse("0.4")));
        assertThat(capped.quote("SOL", Side.SELL, Fixed.parse("0.1")))
                .isEqualTo(new PaperPricing.Priced(Fixed.parse("150"), Fixed.parse("0.015"), Fixed.parse("0.1")));
        capped.mark("SOL", Fixed.parse("150"), 0, 0);
        assertThat(capped.quote("SOL", Side.SELL, Fixed.ONE)).isInstanceOfSatisfying(PaperPricing.NoPrice.class,
                n -> assertThat(n.reason()).startsWith("PARTICIPATION_CAP: no volume traded"));
        venue.mark("SOL", Fixed.parse("150"), 0, 0); // no cap (the default): volume does not matter
        assertThat(venue.quote("SOL", Side.BUY, Fixed.ONE)).isInstanceOf(PaperPricing.Priced.class);
    }

    @Test
    void zeroSlippageAndFee_fillsAtMarkForFree() {
        PaperPricing free = new PaperPricing(0, 0, 2_000, clock);
        free.mark("SOL", Fixed.parse("150"));
        assertThat(free.quote("SOL", Side.BUY, Fixed.ONE)).isEqualTo(new PaperPricing.Priced(Fixed.parse("150"), 0, Fixed.ONE));
    }

    @Test
    void noMark_isRejectedNoPrice() {
        assertThat(venue.quote("SOL", Side.BUY, Fixed.ONE)).isEqualTo(new PaperPricing.NoPrice("NO_PRICE"));
    }

    @Test
    void staleMark_stillFillsASell_soAnExitIsNeverRefusedForALateFeed_butNoBuy() {
        venue.mark("SOL", Fixed.parse("150"));
        clock.advance(60_000);
        assertThat(venue.quote("SOL", Side.BUY, Fixed.ONE)).isEqualTo(new PaperPricing.NoPrice("NO_PRICE"));
        assertThat(venue.hasPrice("SOL", Side.BUY)).isFalse();
        assertThat(venue.hasPrice("SOL", Side.SELL)).isTrue();
        assertThat(venue.quote("SOL", Side.SELL, Fixed.ONE)).isInstanceOf(PaperPricing.Priced.class);
        assertThat(venue.quote("PEPE", Side.SELL, Fixed.ONE)).as("never priced at all")
                .isEqualTo(new PaperPricing.NoPrice("NO_PRICE"));
    }

    @Test
    void staleMark_countsAsNoPrice() {
        venue.mark("SOL", Fixed.parse("150"));
        clock.advance(2_000);
        assertThat(venue.quote("SOL", Side.BUY, Fixed.ONE)).isInstanceOf(PaperPricing.Priced.class);
        clock.advance(1);
        assertThat(venue.quote("SOL", Side.BUY, Fixed.ONE)).isEqualTo(new PaperPricing.NoPrice("NO_PRICE"));
        venue.mark("SOL", Fixed.parse("151"));
        assertThat(venue.quote("SOL", Side.BUY, Fixed.ONE)).isInstanceOf(PaperPricing.Priced.class);
    }

    @Test
    void fillWhoseNotionalDoesNotFitALong_isOutOfRangeWithItsFigures_notAnUncaughtError() {
        venue.mark("SOL", Fixed.parse("150"));
        PaperPricing.Quote q = venue.quote("SOL", Side.BUY, 9_000_000_000_000_000_000L); // 9e10 units
        assertThat(q).isInstanceOf(PaperPricing.OutOfRange.class);
        assertThat(((PaperPricing.OutOfRange) q).reason()).startsWith("AMOUNT_OUT_OF_RANGE: a fill of 90000000000 at 150")
                .contains("90000000000 x 150.15 = 13513500000000 does not fit");
    }

    @Test
    void buyAtAMarkNearTheLongLimit_whoseSlippedPriceDoesNotFit_isOutOfRange_notAWrappedNegativePrice() {
        venue.mark("SOL", Long.MAX_VALUE - 1);
        assertThat(venue.quote("SOL", Side.BUY, 1)).isInstanceOf(PaperPricing.OutOfRange.class);
        assertThat(venue.quote("SOL", Side.SELL, 1)).isInstanceOf(PaperPricing.Priced.class);
    }

    @Test
    void anOrderNamingItsDecidingEvent_fillsAtThatEventsPriceAndVolume_howeverManyNewerEventsArrived() {
        PaperPricing capped = new PaperPricing(0, 0, 2_000, 5_000, clock); // half the event's volume at most
        capped.mark("SOL", Fixed.parse("150"), 0, Fixed.parse("4"), "run-1", 41);
        capped.mark("SOL", Fixed.parse("151"), 0, Fixed.parse("1"), "run-1", 42);
        capped.mark("BONK", 2_000L, 0, Fixed.parse("9"), "run-1", 43);
        capped.mark("SOL", Fixed.parse("155"), 0, Fixed.parse("9"), "run-1", 44);
        assertThat(capped.quote("SOL", Side.BUY, Fixed.parse("3"), 0, 41)) // 150, 2 of the 4 traded then
                .isEqualTo(new PaperPricing.Priced(Fixed.parse("150"), 0, Fixed.parse("2")));
        assertThat(capped.quote("SOL", Side.SELL, Fixed.parse("3"), 0, 42))
                .isEqualTo(new PaperPricing.Priced(Fixed.parse("151"), 0, Fixed.parse("0.5")));
        assertThat(capped.quote("SOL", Side.SELL, Fixed.parse("3"), 0, 0)) // no event named: the latest
                .isEqualTo(new PaperPricing.Priced(Fixed.parse("155"), 0, Fixed.parse("3")));
        assertThat(capped.latestMarkFallbacks()).isZero();
    }

    @Test
    void anEventNotAmongTheRecentMarks_fillsAtTheLatest_andIsCounted() {
        venue.mark("SOL", Fixed.parse("150"), 0, 0, "run-1", 1);
        for (int seq = 2; seq <= PaperPricing.HISTORY + 1; seq++) {
            venue.mark("SOL", Fixed.parse("160"), 0, 0, "run-1", seq);
        }
        assertThat(venue.quote("SOL", Side.SELL, Fixed.ONE, 0, 1)) // pushed out of the history
                .isEqualTo(new PaperPricing.Priced(Fixed.parse("159.84"), Fixed.parse("0.15984"), Fixed.ONE));
        assertThat(venue.quote("SOL", Side.SELL, Fixed.ONE, 0, 9_999)) // not received (yet)
                .isEqualTo(new PaperPricing.Priced(Fixed.parse("159.84"), Fixed.parse("0.15984"), Fixed.ONE));
        venue.mark("BONK", 1_000L, 0, 0, "run-1", 500);
        assertThat(venue.quote("SOL", Side.SELL, Fixed.ONE, 0, 500)) // that seq was another symbol's event
                .isEqualTo(new PaperPricing.Priced(Fixed.parse("159.84"), Fixed.parse("0.15984"), Fixed.ONE));
        assertThat(venue.latestMarkFallbacks()).isEqualTo(3);
    }

    @Test
    void aNewGatewayStream_forgetsTheOldSeqs_whichNameOtherEventsNow() {
        PaperPricing free = new PaperPricing(0, 0, 2_000, clock);
        free.mark("SOL", Fixed.parse("150"), 0, 0, "run-1", 7);
        free.mark("SOL", Fixed.parse("170"), 0, 0, "run-2", 1); // the gateway restarted
        assertThat(free.quote("SOL", Side.SELL, Fixed.ONE, 0, 7))
                .isEqualTo(new PaperPricing.Priced(Fixed.parse("170"), 0, Fixed.ONE));
        assertThat(free.latestMarkFallbacks()).isEqualTo(1);
    }

    @Test
    void aBuyDecidedOnAMarkThatHasGrownStale_takesTheFreshLatestInstead_andNoneWhenTheMarketIsStale() {
        PaperPricing free = new PaperPricing(0, 0, 2_000, clock);
        free.mark("SOL", Fixed.parse("150"), 0, 0, "run-1", 1);
        clock.advance(2_500);
        free.mark("SOL", Fixed.parse("152"), 0, 0, "run-1", 2);
        assertThat(free.quote("SOL", Side.BUY, Fixed.ONE, 0, 1))
                .isEqualTo(new PaperPricing.Priced(Fixed.parse("152"), 0, Fixed.ONE));
        assertThat(free.quote("SOL", Side.SELL, Fixed.ONE, 0, 1)) // a sell takes any mark: the decided one
                .isEqualTo(new PaperPricing.Priced(Fixed.parse("150"), 0, Fixed.ONE));
        clock.advance(2_500);
        assertThat(free.quote("SOL", Side.BUY, Fixed.ONE, 0, 2)).isEqualTo(new PaperPricing.NoPrice("NO_PRICE"));
    }
}
