package memesnipe.model.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PrintableTest {

    @ParameterizedTest(name = "separator U+{0}")
    @ValueSource(strings = {"000a", "000d", "0085", "2028", "2029", "000b", "000c", "001b"})
    void lineBreakingCharacters_areEscaped_soAForgedLogLineStaysOnOneLine(String hex) {
        char sep = (char) Integer.parseInt(hex, 16);
        String forged = "momentum" + sep + "12:00:00.000 ERROR [main] risk - FORGED LINE";
        String shown = Printable.of(forged, 200);
        assertThat(shown).doesNotContain(String.valueOf(sep)).contains("\\u" + hex).contains("FORGED LINE");
        assertThat(shown.lines()).hasSize(1);
    }

    @Test
    void bidiOverridesAndZeroWidthCharacters_areEscaped() {
        assertThat(Printable.of("abc\u202Efed\u200Bx\uFEFF")).isEqualTo("abc\\u202efed\\u200bx\\ufeff");
    }

    @Test
    void aBackslash_isDoubled_soAnEscapeCannotBeForged() {
        assertThat(Printable.of("a\\u000aFORGED")).isEqualTo("a\\\\u000aFORGED");
    }

    @Test
    void longText_isCutWithItsLength_andTheResultIsBounded() {
        String huge = "x".repeat(250_000);
        assertThat(Printable.of(huge)).isEqualTo("x".repeat(Printable.MAX) + "...(250000 chars)");
        String hostile = "\n".repeat(250_000);
        assertThat(Printable.of(hostile).length()).isLessThanOrEqualTo(Printable.MAX * 6 + 20);
    }

    @Test
    void aSurrogatePair_isNeverCutInHalf_andLoneSurrogatesAreEscaped() {
        String rocket = "\uD83D\uDE80";
        assertThat(Printable.of("ab" + rocket, 3)).isEqualTo("ab...(4 chars)");
        assertThat(Printable.of("ab" + rocket)).isEqualTo("ab" + rocket);
        assertThat(Printable.of("a\uD83Db")).isEqualTo("a\\ud83db");
    }

    @Test
    void safeText_isReturnedAsItIs_withoutACopy() {
        String name = "momentum_5m SOL café 東京";
        assertThat(Printable.of(name)).isSameAs(name);
        assertThat(Printable.of(null)).isEqualTo("null");
    }

    @org.junit.jupiter.api.Test
    void oneLine_keepsTextAlreadyEscaped_asIs_butEscapesWhatIsStillUnsafe() {
        String escaped = "name '" + Printable.of("a\nb") + "' is bad";
        assertThat(Printable.oneLine(escaped, 240)).isEqualTo(escaped);
        assertThat(Printable.oneLine("raw\nline", 240)).isEqualTo(Printable.of("raw\nline", 240)).doesNotContain("\n");
        assertThat(Printable.oneLine("x".repeat(300), 240)).hasSizeLessThan(300);
    }
}
