package memesnipe.gateway.validation;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import memesnipe.gateway.EventStamper;
import memesnipe.gateway.feed.RawTick;
import memesnipe.v1.MarketEvent;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a feed sends, the validator answers with a typed reason or accepts a tick whose wire event carries
 * exactly its figures: positive price, non-negative volume and liquidity, none clamped at the 64-bit limit, a
 * valid symbol. Runs over the committed corpus in the normal suite; JAZZER_FUZZ=1 fuzzes for real.
 */
class TickValidatorFuzzTest {
    static final long NOW = 1_700_000_000_000L;

    @FuzzTest(maxDuration = "30s")
    void anyTick_isRejectedWithAReason_orBecomesAnExactEvent(FuzzedDataProvider data) {
        TickValidator validator = new TickValidator(ValidationLimits.DEFAULTS);
        EventStamper stamper = new EventStamper("fuzz");
        int ticks = data.consumeInt(1, 8);
        for (int i = 0; i < ticks; i++) {
            RawTick t = new RawTick(data.consumeString(40), data.consumeDouble(), data.consumeDouble(), data.consumeDouble(),
                    data.consumeBoolean() ? NOW + data.consumeLong(-10_000, 10_000) : data.consumeLong());
            Optional<RejectReason> reason = validator.validate(t, NOW);
            if (reason.isEmpty()) {
                MarketEvent e = stamper.stamp(t, NOW);
                assertThat(e.getPriceE8()).isPositive().isLessThan(Long.MAX_VALUE);
                assertThat(e.getVolumeE8()).isNotNegative().isLessThan(Long.MAX_VALUE);
                assertThat(e.getLiquidityE8()).isNotNegative().isLessThan(Long.MAX_VALUE);
                assertThat(e.getSymbol()).matches(memesnipe.model.text.Identifiers.SYMBOL);
                assertThat(Math.abs(e.getEventTimeMs() - NOW)).isLessThanOrEqualTo(ValidationLimits.DEFAULTS.maxAgeMs());
            }
        }
        assertThat(validator.eventsIn()).isEqualTo(validator.eventsAccepted() + validator.eventsRejected());
    }
}
