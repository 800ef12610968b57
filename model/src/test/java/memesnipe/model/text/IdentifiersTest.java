package memesnipe.model.text;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifiersTest {
    @Test
    void isSymbol_agreesWithTheSymbolPattern_onEdgeCasesAndRandomStrings() {
        String[] cases = {"BTC", "1000PEPE", "a.b_c-d", "", "X".repeat(24), "X".repeat(25), "SOL/USD", "SÖL", "BTC ",
                "\u0000", "ETH\n"};
        for (String c : cases) {
            assertThat(Identifiers.isSymbol(c)).as("'%s'", c).isEqualTo(Identifiers.valid(Identifiers.SYMBOL, c));
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
            assertThat(Identifiers.isSymbol(s)).as("'%s'", s).isEqualTo(Identifiers.valid(Identifiers.SYMBOL, s));
        }
    }
}
