package memesnipe.risk.engine;

import memesnipe.model.Verdict;
import memesnipe.model.DenyReason;
import memesnipe.model.Decision;

import memesnipe.model.Tier;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionMemoryTest {
    static Decision decision(String id, String detail) {
        return new Decision(id, Verdict.APPROVED, DenyReason.NONE, detail, 1, 1, Tier.NORMAL, 1, 0, Optional.empty());
    }

    @Test
    void find_byAnotherCaller_isEmpty_andTheIdStaysItsFirstCallers() {
        DecisionMemory m = new DecisionMemory(10);
        assertThat(m.remember("A", decision("id-1", "for A"))).isTrue();
        assertThat(m.remember("B", decision("id-1", "for B"))).as("a second caller cannot take the id").isFalse();
        assertThat(m.find("A", "id-1")).map(Decision::detail).contains("for A");
        assertThat(m.find("B", "id-1")).isEmpty();
        assertThat(m.owner("id-1")).contains("A");
        assertThat(m.owner("id-2")).isEmpty();
    }

    @Test
    void beyondItsCapacity_theOldestAreForgottenFirst() {
        DecisionMemory m = new DecisionMemory(2);
        m.remember("A", decision("id-1", ""));
        m.remember("A", decision("id-2", ""));
        m.remember("B", decision("id-3", ""));
        assertThat(m.size()).isEqualTo(2);
        assertThat(m.owner("id-1")).isEmpty();
        assertThat(m.find("A", "id-2")).isPresent();
        assertThat(m.find("B", "id-3")).isPresent();
    }
}
