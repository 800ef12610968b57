package memesnipe.performance;

import memesnipe.model.FillEvent;
import memesnipe.model.Side;
import memesnipe.model.money.Fixed;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RoundTripsTest {
    static FillEvent fill(String id, String strategy, Side side, String qty, String price, String fee, long t) {
        return new FillEvent("log", 0, id, strategy, "SOL", side, Fixed.parse(qty), Fixed.parse(price), Fixed.parse(fee),
                t);
    }

    @Test
    void twoBuysThenTwoSells_closeOneTrade_atAveragePrices_netOfEveryFee() {
        RoundTrips r = new RoundTrips();
        assertThat(r.add(fill("a", "s", Side.BUY, "1", "100", "0.1", 10))).isEmpty();
        assertThat(r.add(fill("b", "s", Side.BUY, "3", "104", "0.3", 20))).isEmpty();
        assertThat(r.add(fill("c", "s", Side.SELL, "2", "110", "0.2", 30))).isEmpty();

        ClosedTrade t = r.add(fill("d", "s", Side.SELL, "2", "100", "0.2", 40)).orElseThrow();

        // bought 100 + 312 = 412 for 4 (103 average), sold 220 + 200 = 420 (105 average), fees 0.8: 420 - 412 - 0.8
        assertThat(t).isEqualTo(new ClosedTrade("SOL", "s", 10, Fixed.parse("103"), 40, Fixed.parse("105"),
                Fixed.parse("4"), Fixed.parse("0.8"), Fixed.parse("7.2")));
    }

    @Test
    void strategiesAreKeptApart_andASellWithoutABuyClosesNothing() {
        RoundTrips r = new RoundTrips();
        r.add(fill("a", "s1", Side.BUY, "1", "100", "0", 10));

        assertThat(r.add(fill("b", "s2", Side.SELL, "1", "90", "0", 20))).isEqualTo(Optional.empty());
        assertThat(r.add(fill("c", "s1", Side.SELL, "1", "90", "0", 30)).orElseThrow().netPnlE8())
                .isEqualTo(Fixed.parse("-10"));
    }
}
