package memesnipe.risk;

import memesnipe.model.Tier;
import memesnipe.model.Decision;
import memesnipe.model.DenyReason;
import memesnipe.model.Verdict;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WireTest {
    @Test
    void everyDenyReasonOfTheCore_hasItsNamesakeOnTheWire() {
        for (DenyReason r : DenyReason.values()) {
            Decision d = new Decision("id", Verdict.DENIED, r, "detail", 0, 0, Tier.NORMAL, 0, 0, Optional.empty());
            memesnipe.v1.DenyReason wire = Wire.decision(d).getReason();
            assertThat(wire.name()).isEqualTo(r == DenyReason.NONE ? "REASON_NONE" : r.name());
        }
    }

    @Test
    void evidenceFromTheWire_keepsItsTextsEscapedAndCut() {
        memesnipe.v1.Evidence hostile = memesnipe.v1.Evidence.newBuilder().setFromMs(1).setToMs(2).setSamplingMs(60_000)
                .setSharpe(memesnipe.v1.Figure.newBuilder().setNotAvailable("x\nERROR forged" + "y".repeat(10_000)))
                .setSignificanceTest("t\u0000" + "z".repeat(10_000)).build();
        memesnipe.performance.promotion.Evidence e = EvidenceWire.fromWire(hostile);
        String why = ((memesnipe.performance.Figure.NotAvailable) e.sharpe()).why();
        assertThat(why).doesNotContain("\n").hasSizeLessThan(2 * EvidenceWire.TEXT_MAX);
        assertThat(e.significance().test()).doesNotContain("\u0000").hasSizeLessThan(2 * EvidenceWire.TEXT_MAX);
    }
}
