package memesnipe.gateway;

import memesnipe.gateway.validation.LotExponents;
import memesnipe.gateway.feed.RawTick;
import memesnipe.v1.MarketEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventStamperTest {
    @Test
    void stamp_numbersEventsFromOneWithoutGaps_andConvertsToE8() {
        EventStamper stamper = new EventStamper("stream-1");
        MarketEvent first = stamper.stamp(new RawTick("PEPE", 0.000012, 1_000_000, 60_000.5, 10), 12);
        MarketEvent second = stamper.stamp(new RawTick("SOL", 150.25, 0.5, 2_000_000, 11), 13);
        assertThat(first.getSeq()).isEqualTo(1);
        assertThat(second.getSeq()).isEqualTo(2);
        assertThat(first.getStreamId()).isEqualTo("stream-1");
        assertThat(first.getPriceE8()).isEqualTo(1_200);
        assertThat(first.getVolumeE8()).isEqualTo(100_000_000_000_000L);
        assertThat(first.getLiquidityE8()).isEqualTo(6_000_050_000_000L);
        assertThat(second.getPriceE8()).isEqualTo(15_025_000_000L);
        assertThat(second.getEventTimeMs()).isEqualTo(11);
        assertThat(second.getIngestTimeMs()).isEqualTo(13);
    }

    @Test
    void aTokenPricedBelowOneE8Usd_isPublishedPerLot_withItsLotOnTheEvent() {
        EventStamper stamper = new EventStamper("stream-1", LotExponents.parse("BABYDOGE=9"));
        // 3.2e-11 USD a token, 5e13 tokens traded (1,600 USD)
        MarketEvent e = stamper.stamp(new RawTick("BABYDOGE", 3.2e-11, 5e13, 80_000, 10), 12);
        assertThat(e.getLotExponent()).isEqualTo(9);
        assertThat(e.getPriceE8()).isEqualTo(3_200_000L); // 0.032 USD per lot of 10^9
        assertThat(e.getVolumeE8()).isEqualTo(50_000L * 100_000_000L); // 50,000 lots
        assertThat(e.getLiquidityE8()).isEqualTo(80_000L * 100_000_000L); // USD: no lot
        MarketEvent sol = stamper.stamp(new RawTick("SOL", 150.25, 0.5, 2_000_000, 11), 13);
        assertThat(sol.getLotExponent()).isZero(); // unlisted: single units, as before
        assertThat(sol.getPriceE8()).isEqualTo(15_025_000_000L);
    }

    @Test
    void theLotSetting_refusesWhatItCannotMean() {
        assertThat(LotExponents.parse("").bySymbol()).isEmpty();
        assertThat(LotExponents.parse(" PEPE=6 , BABYDOGE=9 ").of("BABYDOGE")).isEqualTo(9);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LotExponents.parse("PEPE"))
                .hasMessageContaining("SYMBOL=EXPONENT");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LotExponents.parse("PEPE=19"))
                .hasMessageContaining("0..18");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LotExponents.parse("PEPE=x"))
                .hasMessageContaining("0..18");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LotExponents.parse("PE PE=3"))
                .hasMessageContaining("not a symbol");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LotExponents.parse("PEPE=3,PEPE=4"))
                .hasMessageContaining("twice");
    }
}
