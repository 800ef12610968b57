package memesnipe.gateway.validation;

import memesnipe.gateway.feed.Tick;
import memesnipe.v1.MarketEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventStamperTest {
    @Test
    void stamp_numbersEventsFromOneWithoutGaps_andConvertsToE8() {
        EventStamper stamper = new EventStamper("stream-1");
        MarketEvent first = stamper.stamp(new Tick("PEPE", 0.000012, 1_000_000, 60_000.5, 10), 12);
        MarketEvent second = stamper.stamp(new Tick("SOL", 150.25, 0.5, 2_000_000, 11), 13);
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
}
