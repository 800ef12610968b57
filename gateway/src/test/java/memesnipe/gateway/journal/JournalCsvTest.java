package memesnipe.gateway.journal;

import memesnipe.v1.MarketEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalCsvTest {
    static MarketEvent event(String symbol) {
        return MarketEvent.newBuilder().setSeq(17).setStreamId("3f1c-stream").setSymbol(symbol)
                .setPriceE8(12_345_678_901L).setVolumeE8(500_000_000L).setLiquidityE8(5_000_000_000_000L)
                .setEventTimeMs(1_700_000_000_123L).setIngestTimeMs(1_700_000_000_125L).build();
    }

    @Test
    void row_ofAnEvent_isTheDocumentedColumnsInOrder() {
        assertThat(JournalCsv.HEADER)
                .isEqualTo("seq,stream_id,symbol,price_e8,volume_e8,liquidity_e8,event_time_ms,ingest_time_ms,lot_exponent");
        assertThat(JournalCsv.row(event("SOL")))
                .isEqualTo("17,3f1c-stream,SOL,12345678901,500000000,5000000000000,1700000000123,1700000000125,0");
    }

    @Test
    void aRowInLots_keepsItsLot_andAFileOfTheFirstFormat_readsAsSingleUnits() {
        MarketEvent micro = event("BABYDOGE").toBuilder().setPriceE8(3_000_000).setLotExponent(9).build();
        assertThat(JournalCsv.row(micro)).endsWith(",9");
        assertThat(JournalCsv.parse(JournalCsv.row(micro))).isEqualTo(micro);
        assertThat(JournalCsv.parse("17,3f1c-stream,SOL,12345678901,500000000,5000000000000,1700000000123,1700000000125"))
                .isEqualTo(event("SOL"));
        assertThatThrownBy(() -> JournalCsv.parse(JournalCsv.row(event("SOL")).replaceAll(",0$", ",19")))
                .hasMessageContaining("lot_exponent 19 is outside 0..18");
    }

    @Test
    void parse_ofARow_givesTheSameEventBack_evenWithCommasAndQuotesInText() {
        for (String symbol : new String[]{"SOL", "A,B", "say \"hi\"", ""}) {
            MarketEvent e = event(symbol);
            assertThat(JournalCsv.parse(JournalCsv.row(e))).as(symbol).isEqualTo(e);
        }
        assertThat(JournalCsv.row(event("A,B"))).contains(",\"A,B\",");
    }

    @Test
    void row_withALineBreakInText_isRefusedAndParseRejectsMalformedLines() {
        assertThat(JournalCsv.writable(event("SO\nL"))).isFalse();
        assertThatThrownBy(() -> JournalCsv.row(event("SO\nL"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalCsv.parse("1,2,3")).hasMessageContaining("expected 9 fields");
        assertThatThrownBy(() -> JournalCsv.parse("x,s,SOL,1,2,3,4,5")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> JournalCsv.parse("1,\"s,SOL,1,2,3,4,5")).hasMessageContaining("unterminated");
    }
}
