package memesnipe.performance.promotion;

import java.util.Objects;

/** Why a strategy changed stage, with the figures that decided it; the text is generated from them. */
public sealed interface Reason permits GateResult, Reason.OperatorRetired, Reason.DemotionLimit {
    /** One line for a person. */
    String text();

    /** An operator retired the strategy, with their note. */
    record OperatorRetired(String note) implements Reason {
        public OperatorRetired {
            Objects.requireNonNull(note, "note");
        }

        @Override
        public String text() {
            return "retired by an operator: " + note;
        }
    }

    /** The strategy was demoted from LIVE as many times as the setting allows. */
    record DemotionLimit(int demotions, int limit) implements Reason {
        @Override
        public String text() {
            return "demoted from LIVE " + demotions + " times, retired at " + limit;
        }
    }
}
