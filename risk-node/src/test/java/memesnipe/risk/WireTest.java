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
}
