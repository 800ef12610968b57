package memesnipe.risk.promotion;

import memesnipe.model.Decision;
import memesnipe.model.Verdict;
import memesnipe.model.money.Fixed;
import memesnipe.performance.promotion.Stage;
import memesnipe.risk.portfolio.Portfolio;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static memesnipe.risk.promotion.Pipelines.CAPITAL;
import static memesnipe.risk.promotion.Pipelines.USD;
import static memesnipe.risk.promotion.Pipelines.entry;
import static memesnipe.risk.promotion.Pipelines.exit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shadow book: a SHADOW strategy's round trip is filled at the paper venue's pricing on the shadow book, with a
 * P&amp;L computed here by hand, while the live portfolio's cash, equity, positions, fills and breaker stay as they
 * were.
 */
class ShadowBookTest extends LiveEngineFixture {
    @BeforeEach
    void setUp() {
        live = Pipelines.engine(Map.of("shadowy", Stage.SHADOW), List.of("shadowy"), transitions);
        tick("SOL", "100");
    }

    Portfolio shadow() {
        return shadowBook().portfolio();
    }

    @Test
    void shadowRoundTrip_isFilledAtPaperPrices_withAHandComputedPnl_andTheLivePortfolioNeverChanges() {
        Decision in = live.submit(entry("e1", "shadowy", "SOL", 150, now), now);

        assertThat(in.verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(in.order()).as("nothing goes to the executor").isEmpty();
        assertThat(in.detail()).startsWith(ShadowBook.DETAIL_PREFIX);
        assertThat(in.approvedQtyE8()).isEqualTo(Fixed.parse("1.5")); // 150 USD at the mark of 100
        // bought 1.5 at 100 + 10 bps = 100.1: 150.15, fee 10 bps of it = 0.15015
        assertThat(shadow().qtyE8("shadowy", "SOL")).isEqualTo(Fixed.parse("1.5"));
        assertThat(shadow().cashE8()).isEqualTo(Fixed.parse("9849.69985"));
        assertLiveUntouched();

        now += 1_000;
        tick("SOL", "110");
        assertThat(shadow().equityE8()).isEqualTo(Fixed.parse("10014.69985")); // 9849.69985 + 1.5 x 110
        Decision out = live.submit(exit("x1", "shadowy", "SOL", now), now);

        assertThat(out.verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(out.order()).isEmpty();
        // sold 1.5 at 110 - 10 bps = 109.89: 164.835, fee 0.164835
        assertThat(shadow().qtyE8("shadowy", "SOL")).isZero();
        assertThat(shadow().cashE8()).isEqualTo(Fixed.parse("10014.370015"));
        // 164.835 - 150.15 - 0.15015 - 0.164835
        assertThat(shadow().strategyPnlE8("shadowy")).isEqualTo(Fixed.parse("14.370015"));
        assertLiveUntouched();
    }

    @Test
    void aRugFlag_flattensTheShadowPositionInTheToken_andRefusesShadowEntriesInIt() {
        live.submit(entry("e1", "shadowy", "SOL", 150, now), now);
        assertThat(shadow().qtyE8("shadowy", "SOL")).isEqualTo(Fixed.parse("1.5"));

        now += 1_000;
        live.onTokenRisk(new memesnipe.model.event.TokenRisk("SOL", now, false, 0, 9_000), now);
        assertThat(shadow().qtyE8("shadowy", "SOL")).as("flattened on the shadow book").isZero();
        Decision again = live.submit(entry("e2", "shadowy", "SOL", 150, now), now);
        assertThat(again.verdict()).isEqualTo(Verdict.DENIED);
        assertThat(again.reason()).isEqualTo(memesnipe.model.DenyReason.TOKEN_FLAGGED);
        assertLiveUntouched();
    }

    @Test
    void shadowLossBeyondEveryBreakerThreshold_leavesTheLiveBreakerAndEquityAsTheyWere() {
        tick("BONK", "1");
        for (int i = 0; i < 5; i++) { // five entries of the per-trade cap (200 USD), 1,000 USD of BONK in shadow
            now += 1_000;
            tick("BONK", "1");
            assertThat(live.submit(entry("b" + i, "shadowy", "BONK", 200, now), now).approved()).isTrue();
        }
        now += 1_000;
        tick("BONK", "0.2"); // -80 %: the shadow book's stop sells it all, for a loss of about 8 % of its capital

        assertThat(shadow().qtyE8("shadowy", "BONK")).isZero();
        assertThat(shadow().equityE8()).isLessThan(Fixed.parse("9210"));
        assertThat(shadowBook().engine().breaker().tier().name()).isNotEqualTo("NORMAL");
        live.onTimer(now);
        assertLiveUntouched();
    }

    void assertLiveUntouched() {
        assertThat(live.portfolio().cashE8()).isEqualTo(CAPITAL);
        assertThat(live.equityE8()).isEqualTo(CAPITAL);
        assertThat(live.portfolio().openPositions()).isZero();
        assertThat(live.portfolio().fillCount()).isZero();
        assertThat(live.portfolio().strategiesWithPnl()).isEmpty();
        assertThat(live.inFlightCount()).isZero();
        assertThat(live.breaker().tier().name()).isEqualTo("NORMAL");
        assertThat(live.breaker().peakE8()).isEqualTo(CAPITAL);
        assertThat(live.breaker().drawdownBps()).isZero();
        assertThat(transitions).as("live breaker transitions").isEmpty();
    }
}
