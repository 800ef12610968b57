package memesnipe.model.text;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifiersTest {
    @Test
    void isSymbol_agreesWithTheSymbolPattern_onEdgeCasesAndRandomStrings() {
        String[] cases = {"BTC", "1000PEPE", "a.b_c-d", "", "X".repeat(24), "X".repeat(25), "SOL/USD", "SÖL", "BTC ",
                "\u0000", "ETH\n"};
        for (String c : cases) {
            assertThat(Identifiers.isSymbol(c)).as("'%s'", c).isEqualTo(Identifiers.SYMBOL.matcher(c).matches());
        }
        assertThat(Identifiers.isSymbol(null)).isFalse();
        String alphabet = "AZaz09._-/ :é\u0000Ω";
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = rnd.nextInt(27);
            for (int k = 0; k < n; k++) {
                b.append(rnd.nextInt(5) == 0 ? alphabet.charAt(rnd.nextInt(alphabet.length())) : (char) ('A' + rnd.nextInt(26)));
            }
            String s = b.toString();
            assertThat(Identifiers.isSymbol(s)).as("'%s'", s).isEqualTo(Identifiers.SYMBOL.matcher(s).matches());
        }
    }

    @Test
    void valid_checksEachPatternWithoutARegex_exactlyAsItsRegex() {
        String alphabet = "AZazmq09._-:/ _é\u0000Ω\n";
        SplittableRandom rnd = new SplittableRandom(11);
        for (Pattern p : List.of(Identifiers.CLIENT_ORDER_ID, Identifiers.SYMBOL, Identifiers.NAME, Identifiers.SUBSCRIBER)) {
            for (String edge : List.of("", "a", "A", "_", ":", "x".repeat(24), "x".repeat(25), "x".repeat(32),
                    "x".repeat(33), "x".repeat(64), "x".repeat(65), "momentum_5m", "sol-1.2:3")) {
                assertThat(Identifiers.valid(p, edge)).as("%s '%s'", p, edge).isEqualTo(p.matcher(edge).matches());
            }
            assertThat(Identifiers.valid(p, null)).isFalse();
            for (int i = 0; i < 20_000; i++) {
                StringBuilder b = new StringBuilder();
                int n = rnd.nextInt(70);
                for (int k = 0; k < n; k++) {
                    b.append(rnd.nextInt(6) == 0 ? alphabet.charAt(rnd.nextInt(alphabet.length()))
                            : (char) ((rnd.nextInt(3) == 0 ? 'A' : 'a') + rnd.nextInt(26)));
                }
                String s = b.toString();
                assertThat(Identifiers.valid(p, s)).as("%s '%s'", p, s).isEqualTo(p.matcher(s).matches());
            }
        }
    }
}
