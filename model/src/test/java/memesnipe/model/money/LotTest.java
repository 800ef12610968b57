package memesnipe.model.money;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LotTest {
    /** A token like BABYDOGE: about 3e-11 USD a token, a supply in the hundreds of quadrillions. */
    private static final double MICRO_PRICE = 3e-11;

    @Test
    void aTokenBelowOneE8Usd_cannotBePricedInSingleUnits_butKeepsItsPrecisionPerLot() {
        assertThat(Lot.priceE8(MICRO_PRICE, 0)).isZero(); // what the wire could say before lots: nothing
        assertThat(Lot.priceE8(MICRO_PRICE, 9)).isEqualTo(3_000_000L); // 0.03 USD per lot of 10^9
        assertThat(Lot.priceE8(3.4567e-11, 12)).isEqualTo(3_456_700_000L); // 34.567 USD per lot of 10^12
    }

    @Test
    void aRealisticSupply_fitsAsLots_whereSingleUnitsOverflow() {
        double tokens = 4.2e17; // 420 quadrillion tokens: ~12.6 M USD at 3e-11
        assertThatThrownBy(() -> Lot.qtyE8(tokens, 0)).isInstanceOf(AmountOverflow.class);
        long lots = Lot.qtyE8(tokens, 9);
        assertThat(lots).isEqualTo(420_000_000L * Fixed.ONE);
        // notional = lots x USD per lot: no conversion, exact
        assertThat(Fixed.mul(lots, Lot.priceE8(MICRO_PRICE, 9))).isEqualTo(12_600_000L * Fixed.ONE);
        assertThat(Lot.units(lots, 9)).isEqualByComparingTo(new BigDecimal("420000000000000000"));
    }

    @Test
    void conversionsBackToUnits_areExact() {
        assertThat(Lot.unitPrice(3_000_000L, 9)).isEqualByComparingTo(new BigDecimal("3E-11"));
        assertThat(Lot.units(1, 18)).isEqualByComparingTo(new BigDecimal("1E10")); // 1e-8 lot of 1e18 units
        assertThat(Lot.units(Long.MAX_VALUE, 18)).isEqualByComparingTo(
                new BigDecimal(Long.MAX_VALUE).scaleByPowerOfTen(10));
        assertThat(Lot.unitPrice(150 * Fixed.ONE, 0)).isEqualByComparingTo(new BigDecimal("150"));
    }

    @Test
    void exponentsOutsideTheRange_areRefused() {
        assertThat(Lot.valid(0)).isTrue();
        assertThat(Lot.valid(Lot.MAX_EXPONENT)).isTrue();
        assertThat(Lot.valid(-1)).isFalse();
        assertThat(Lot.valid(19)).isFalse();
        assertThatThrownBy(() -> Lot.priceE8(1, 19)).hasMessageContaining("0..18");
        assertThatThrownBy(() -> Lot.units(1, -1)).hasMessageContaining("0..18");
    }

    @Test
    void aMismatch_namesBothExponents() {
        assertThat(Lot.mismatch(9, 9)).isEmpty();
        assertThat(Lot.mismatch(0, 9)).hasValue(
                "lot_exponent 0 but the market data has 9 for the symbol (a lot of 10^9 units)");
    }
}
