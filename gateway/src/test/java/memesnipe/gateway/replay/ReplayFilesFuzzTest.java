package memesnipe.gateway.replay;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import memesnipe.gateway.validation.LotExponents;
import memesnipe.gateway.validation.SignalChecks;

import java.io.ByteArrayInputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a replay file holds, in any of the formats or guessed: it is read into events in time order with
 * positive prices and non-negative volumes (signals within the gateway's ranges), or refused whole with one ReplayFileException line; bad rows are counted
 * and their samples are single escaped lines. Never another exception. Runs over the committed corpus in the normal
 * suite; JAZZER_FUZZ=1 fuzzes for real.
 */
class ReplayFilesFuzzTest {
    static final LotExponents LOTS = LotExponents.parse("PEPE=6");
    static final List<String> NAMES = List.of("trades.csv", "bars.csv", "bars.json", "journal.csv", "data",
            "data.jsonl");

    @FuzzTest(maxDuration = "30s")
    void anyFile_isReadOrRefusedWithOneLine_neverThrowsOtherwise(FuzzedDataProvider data) throws Exception {
        int choice = data.consumeInt(0, ReplayFormat.values().length);
        ReplayFormat format = choice == ReplayFormat.values().length ? null : ReplayFormat.values()[choice];
        String name = NAMES.get(data.consumeInt(0, NAMES.size() - 1));
        byte[] bytes = data.consumeRemainingAsBytes();
        ReplayData read;
        try {
            read = ReplayFiles.read(new ByteArrayInputStream(bytes), "fuzz", name, format, "BTC", LOTS);
        } catch (ReplayFileException refused) {
            assertThat(refused.getMessage()).doesNotContain("\n", "\r").hasSizeLessThan(2_000);
            return;
        }
        long previous = Long.MIN_VALUE;
        for (ReplayEvent e : read.events()) {
            if (e.isSignal()) {
                assertThat(SignalChecks.check(e.signal(), LOTS)).isNull();
            } else {
                assertThat(e.price().signum()).isPositive();
                assertThat(e.volume().signum()).isNotNegative();
            }
            assertThat(e.eventTimeMs()).isGreaterThanOrEqualTo(previous);
            previous = e.eventTimeMs();
        }
        assertThat(read.rejections().samples()).allSatisfy(s -> assertThat(s.toString()).doesNotContain("\n", "\r"));
        assertThat(read.rejections().summary(5)).doesNotContain("\n", "\r");
    }
}
