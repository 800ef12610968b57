package memesnipe.gateway.replay;

import memesnipe.gateway.validation.LotExponents;
import memesnipe.model.event.BridgeFlow;
import memesnipe.model.event.LpLock;
import memesnipe.model.event.PerpFunding;
import memesnipe.model.event.PoolChange;
import memesnipe.model.event.SocialMentions;
import memesnipe.model.event.TokenEvent;
import memesnipe.model.event.TokenEventKind;
import memesnipe.model.event.TokenRisk;
import memesnipe.model.event.WalletLabel;
import memesnipe.model.event.WalletTransfer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON Lines replay format: every kind read exactly, every bad row rejected by line and typed reason. */
class JsonLinesTest {
    static final long T = 1_700_000_000_000L;
    static final LotExponents LOTS = LotExponents.parse("PEPE=6");
    /** One line per kind, as the README shows them; PEPE trades in lots of 10^6 units. */
    static final List<String> EXAMPLES = List.of(
            """
            {"kind":"trade","symbol":"PEPE","time":1700000000000,"price":"0.000001234","amount":"5000000","liquidity":"250000.5"}""",
            """
            {"kind":"social_mentions","symbol":"PEPE","time":1700000001000,"mentions":420,"window_ms":300000,"sentiment":0.35,"source":"x"}""",
            """
            {"kind":"wallet_transfer","symbol":"PEPE","time":1700000002000,"chain":"ethereum","from":"dev","to":"exchange","amount":"1500000000.5","supply_bps":36,"sender_remaining_bps":120}""",
            """
            {"kind":"bridge_flow","symbol":"SOL","time":"2023-11-14T22:13:23Z","source_chain":"ethereum","destination_chain":"solana","asset":"USDC","usd":"2500000.50"}""",
            """
            {"kind":"pool_change","symbol":"WIF","time":1700000004000,"pool":"EP2ib6dYdEeqD8MfE2ezHCxX3kP3K2eLKkirfPm5eyMx","venue":"raydium","liquidity_change":"-12500.25","liquidity_after":"87500","lp_lock":"unlocked","new_pool":false}""",
            """
            {"kind":"perp_funding","symbol":"PEPE","time":1700000005000,"mark":"0.0000012345","funding_rate":"0.0001","next_funding_time":1700006400000,"funding_interval_ms":28800000}""",
            """
            {"kind":"token_event","symbol":"JTO","time":1700000006000,"event":"airdrop_announced","snapshot_time":1700086400000,"claim_time":1700172800000}""",
            """
            {"kind":"token_risk","symbol":"RUG","time":1700000007000,"mint_authority_active":true,"top10_holders_bps":6200,"lp_removed_bps":4500}""");

    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    ReplayData load(String text) throws IOException {
        return ReplayFiles.load(write("data.jsonl", text), null, "IGNORED", LOTS);
    }

    @Test
    void oneLineOfEachKind_readsToTheExactRecord_inHumanUnitsConvertedToFixedPoint() throws IOException {
        ReplayData data = load(String.join("\n", EXAMPLES) + "\n");

        assertThat(data.format()).isEqualTo(ReplayFormat.JSONL);
        assertThat(data.rejections().total()).isZero();
        assertThat(data.events()).containsExactly(
                new ReplayEvent("PEPE", T, new BigDecimal("0.000001234"), new BigDecimal("5000000"), null,
                        new BigDecimal("250000.50000000")),
                ReplayEvent.of(new SocialMentions("PEPE", T + 1_000, 420, 300_000, 3_500, "x")),
                ReplayEvent.of(new WalletTransfer("PEPE", T + 2_000, "ethereum", WalletLabel.DEV, WalletLabel.EXCHANGE,
                        150_000_000_050_000_000L, 36, 120)),
                ReplayEvent.of(new BridgeFlow("SOL", T + 3_000, "ethereum", "solana", "USDC", 250_000_050_000_000L)),
                ReplayEvent.of(new PoolChange("WIF", T + 4_000, "EP2ib6dYdEeqD8MfE2ezHCxX3kP3K2eLKkirfPm5eyMx",
                        "raydium", -1_250_025_000_000L, 8_750_000_000_000L, LpLock.UNLOCKED, false)),
                // 0.0000012345 USD per unit is 1.2345 USD per lot of 10^6 units
                ReplayEvent.of(new PerpFunding("PEPE", T + 5_000, 123_450_000L, 6, 10_000L, 1_700_006_400_000L,
                        28_800_000L)),
                ReplayEvent.of(new TokenEvent("JTO", T + 6_000, TokenEventKind.AIRDROP_ANNOUNCED, 1_700_086_400_000L,
                        1_700_172_800_000L)),
                ReplayEvent.of(new TokenRisk("RUG", T + 7_000, true, 6_200, 4_500)));
    }

    @Test
    void numbersAndStringsReadAlike_labelsIgnoreCase_volumeStandsForAmount_andOtherFieldsAreIgnored() throws IOException {
        ReplayData data = load("""
                {"kind":"trade","symbol":"SOL","time":1700000000,"price":150.25,"volume":2,"venue":"ignored"}
                {"kind":"social_mentions","symbol":"SOL","time":"1700000001","mentions":"7","window_ms":60000,"sentiment":"-1","source":"telegram","note":{"a":[1]}}
                {"kind":"pool_change","symbol":"SOL","time":1700000002.5,"pool":"p1","venue":"orca","liquidity_change":1e3,"liquidity_after":"1000","lp_lock":"BURNED","new_pool":"true"}
                """);
        assertThat(data.rejections().total()).isZero();
        assertThat(data.events()).containsExactly(
                ReplayEvent.trade("SOL", T, new BigDecimal("150.25"), new BigDecimal("2")),
                ReplayEvent.of(new SocialMentions("SOL", T + 1_000, 7, 60_000, -10_000, "telegram")),
                ReplayEvent.of(new PoolChange("SOL", T + 2_500, "p1", "orca", 100_000_000_000L, 100_000_000_000L,
                        LpLock.BURNED, true)));
    }

    @Test
    void aPerpMark_isPricedPerLotOfTheSymbol_andRejectedWhenItsLotCannotHoldItExactly() throws IOException {
        String perp = EXAMPLES.get(5);
        ReplayData inLots = ReplayFiles.load(write("a.jsonl", perp), null, "X", LOTS);
        assertThat(((PerpFunding) inLots.events().get(0).signal()).perpMarkE8()).isEqualTo(123_450_000L);

        // in single units the same mark has 10 decimals: the 8 of scale 1e8 cannot hold it, and it is not rounded
        ReplayData units = ReplayFiles.load(write("b.jsonl", perp + "\n" + EXAMPLES.get(6)), null, "X",
                LotExponents.NONE);
        assertThat(units.events()).hasSize(1);
        assertThat(units.rejections().samples()).singleElement().satisfies(s -> {
            assertThat(s.line()).isEqualTo(1);
            assertThat(s.reason()).isEqualTo(RowRejectReason.OUT_OF_RANGE);
            assertThat(s.detail()).isEqualTo("mark '0.0000012345' has more than 8 decimals");
        });
    }

    static Stream<Arguments> badRows() {
        String social = "{\"kind\":\"social_mentions\",\"symbol\":\"PEPE\",\"time\":1700000009000,\"window_ms\":60000,"
                + "\"source\":\"x\",";
        String bridge = "{\"kind\":\"bridge_flow\",\"symbol\":\"SOL\",\"time\":1700000009000,\"asset\":\"USDC\",";
        String wallet = "{\"kind\":\"wallet_transfer\",\"symbol\":\"PEPE\",\"time\":1700000009000,\"chain\":\"solana\","
                + "\"amount\":\"5\",";
        String trade = "{\"kind\":\"trade\",\"symbol\":\"SOL\",\"time\":1700000009000,";
        return Stream.of(
                // missing fields (null is absent)
                Arguments.of(social + "\"mentions\":3}", RowRejectReason.MISSING_FIELD, "no sentiment field"),
                Arguments.of(social + "\"mentions\":3,\"sentiment\":null}", RowRejectReason.MISSING_FIELD,
                        "no sentiment field"),
                Arguments.of("{\"symbol\":\"SOL\",\"time\":1700000009000}", RowRejectReason.MISSING_FIELD,
                        "no kind field"),
                Arguments.of("{\"kind\":\"trade\",\"time\":1700000009000,\"price\":1,\"amount\":1}",
                        RowRejectReason.MISSING_FIELD, "no symbol field"),
                Arguments.of(trade + "\"price\":1}", RowRejectReason.MISSING_FIELD, "no amount (or volume) field"),
                // not numbers
                Arguments.of(bridge + "\"source_chain\":\"ethereum\",\"destination_chain\":\"solana\",\"usd\":\"lots\"}",
                        RowRejectReason.NOT_NUMERIC, "usd 'lots' is not a number"),
                Arguments.of(social + "\"mentions\":{\"n\":3},\"sentiment\":0}", RowRejectReason.NOT_NUMERIC,
                        "mentions '{' is not a number"),
                Arguments.of(social + "\"mentions\":true,\"sentiment\":0}", RowRejectReason.NOT_NUMERIC,
                        "mentions 'true' is not a number"),
                // out of range: decimals beyond the scale, beyond the type, beyond the gateway's ranges
                Arguments.of(bridge + "\"source_chain\":\"ethereum\",\"destination_chain\":\"solana\",\"usd\":\"0.000000001\"}",
                        RowRejectReason.OUT_OF_RANGE, "usd '0.000000001' has more than 8 decimals"),
                Arguments.of(social + "\"mentions\":1.5,\"sentiment\":0}", RowRejectReason.OUT_OF_RANGE,
                        "mentions '1.5' is not a whole number"),
                Arguments.of(social + "\"mentions\":3,\"sentiment\":0.12345}", RowRejectReason.OUT_OF_RANGE,
                        "sentiment '0.12345' has more than 4 decimals"),
                Arguments.of(social + "\"mentions\":3,\"sentiment\":1.5}", RowRejectReason.OUT_OF_RANGE,
                        "the gateway refuses it as SENTIMENT_OUT_OF_RANGE: SocialMentions[symbol=PEPE, "
                                + "eventTimeMs=1700000009000, mentions=3, windowMs=60000, sentimentE4=15000, source=x]"),
                Arguments.of(social + "\"mentions\":-1,\"sentiment\":0}", RowRejectReason.OUT_OF_RANGE,
                        "COUNT_OUT_OF_RANGE"),
                Arguments.of(wallet.replace("\"5\"", "\"1e30\"") + "\"from\":\"dev\",\"to\":\"pool\",\"supply_bps\":1,"
                                + "\"sender_remaining_bps\":1}", RowRejectReason.OUT_OF_RANGE,
                        "amount '1e30' is outside -92233720368.54775808..92233720368.54775807"),
                Arguments.of(wallet + "\"from\":\"dev\",\"to\":\"pool\",\"supply_bps\":10001,\"sender_remaining_bps\":1}",
                        RowRejectReason.OUT_OF_RANGE, "SHARE_OUT_OF_RANGE"),
                Arguments.of(EXAMPLES.get(5).replace("1700000005000", "1700000009000").replace("\"0.0001\"", "\"0.06\""),
                        RowRejectReason.OUT_OF_RANGE, "FUNDING_OUT_OF_RANGE"),
                Arguments.of(trade + "\"price\":1,\"amount\":1,\"liquidity\":\"-5\"}", RowRejectReason.OUT_OF_RANGE,
                        "liquidity '-5' is outside 0..92233720368.54775807"),
                // kinds, labels, flags, symbols
                Arguments.of("{\"kind\":\"tweet\",\"symbol\":\"SOL\",\"time\":1700000009000}",
                        RowRejectReason.UNKNOWN_KIND, "kind 'tweet' is none of trade, social_mentions, "
                                + "wallet_transfer, bridge_flow, pool_change, perp_funding, token_event, token_risk"),
                Arguments.of(wallet + "\"from\":\"whale\",\"to\":\"pool\",\"supply_bps\":1,\"sender_remaining_bps\":1}",
                        RowRejectReason.BAD_LABEL, "from 'whale' is none of unknown, dev, exchange, pool, burn"),
                Arguments.of(social.replace("\"x\"", "\"X!\"") + "\"mentions\":3,\"sentiment\":0}",
                        RowRejectReason.BAD_LABEL, "INVALID_LABEL"),
                Arguments.of(trade.replace("SOL", "NOT A SYMBOL") + "\"price\":1,\"amount\":1}",
                        RowRejectReason.BAD_LABEL, "symbol 'NOT A SYMBOL' is not a symbol"),
                Arguments.of(EXAMPLES.get(7).replace("1700000007000", "1700000009000").replace("true", "\"yes\""),
                        RowRejectReason.BAD_LABEL, "mint_authority_active 'yes' is neither true nor false"),
                // fields that contradict each other
                Arguments.of(bridge + "\"source_chain\":\"solana\",\"destination_chain\":\"solana\",\"usd\":\"5\"}",
                        RowRejectReason.INCONSISTENT, "SAME_CHAIN"),
                Arguments.of(EXAMPLES.get(6).replace("1700000006000", "1700000009000")
                        .replace("1700172800000", "1700000010000"), RowRejectReason.INCONSISTENT, "BAD_SCHEDULE"),
                // broken rows
                Arguments.of("{\"kind\":\"trade\",", RowRejectReason.BAD_ROW, "not valid JSON"),
                Arguments.of("[1,2]", RowRejectReason.BAD_ROW, "not a JSON object"),
                Arguments.of(trade + "\"price\":1,\"price\":2,\"amount\":1}", RowRejectReason.BAD_ROW,
                        "Duplicate field 'price'"),
                Arguments.of(trade + "\"price\":1,\"amount\":1} {}", RowRejectReason.BAD_ROW,
                        "text after the JSON object"),
                // trades as the other formats read them, and times
                Arguments.of(trade + "\"price\":\"x\",\"amount\":1}", RowRejectReason.BAD_PRICE, "price 'x' is not a number"),
                Arguments.of(trade + "\"price\":\"-1\",\"amount\":1}", RowRejectReason.BAD_PRICE, "is not positive"),
                Arguments.of(trade + "\"price\":1,\"amount\":-1}", RowRejectReason.BAD_VOLUME, "is negative"),
                Arguments.of(trade.replace("1700000009000", "\"soon\"") + "\"price\":1,\"amount\":1}",
                        RowRejectReason.BAD_TIME, "timestamp 'soon'"),
                Arguments.of(trade.replace("1700000009000", "1699999999000") + "\"price\":1,\"amount\":1}",
                        RowRejectReason.UNSORTED, "time 1699999999000 ms is before 1700000007000 ms of line 8"),
                Arguments.of(trade + "\"price\":1,\"amount\":1,\"pad\":\"" + "x".repeat(ReplayLimits.MAX_LINE_CHARS) + "\"}",
                        RowRejectReason.LINE_TOO_LONG, "longer than 65536 characters"));
    }

    @ParameterizedTest
    @MethodSource("badRows")
    void aBadRow_isRejectedWithItsLineNumberAndTypedReason_andTheOthersAreKept(String bad, RowRejectReason reason,
                                                                            String detail) throws IOException {
        ReplayData data = load(String.join("\n", EXAMPLES) + "\n\n" + bad + "\n");

        assertThat(data.events()).hasSize(EXAMPLES.size());
        assertThat(data.rejections().total()).isEqualTo(1);
        assertThat(data.rejections().count(reason)).isEqualTo(1);
        assertThat(data.rejections().samples()).singleElement().satisfies(s -> {
            assertThat(s.line()).isEqualTo(EXAMPLES.size() + 2); // after a blank line
            assertThat(s.reason()).isEqualTo(reason);
            assertThat(s.detail()).contains(detail).doesNotContain("\n");
        });
    }

    @Test
    void aFileThatCannotBeReplayed_isRefusedWithOneLine() throws IOException {
        assertThatThrownBy(() -> load("")).isInstanceOf(ReplayFileException.class)
                .hasMessage("replay file '" + dir.resolve("data.jsonl") + "': empty file");
        assertThatThrownBy(() -> load("\n  \n")).hasMessageEndingWith(": no data rows");
        assertThatThrownBy(() -> ReplayFiles.load(dir.resolve("absent.jsonl"), null, "X", LOTS))
                .hasMessageEndingWith(": no such file");
        // sorted backwards: every row after the first is UNSORTED, more than half of the file
        List<String> backwards = new ArrayList<>(EXAMPLES);
        Collections.reverse(backwards);
        assertThatThrownBy(() -> load(String.join("\n", backwards))).isInstanceOf(ReplayFileException.class)
                .hasMessageContaining("7 of 8 rows rejected, more than 50 %: UNSORTED=7 (first: line 2 UNSORTED: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void theFormat_isKnownByItsExtensionOrByAFirstLineWithAKind() throws IOException {
        assertThat(ReplayFormat.guess("Recorded.JSONL", null)).isEqualTo(ReplayFormat.JSONL);
        assertThat(ReplayFormat.guess("x.ndjson", "")).isEqualTo(ReplayFormat.JSONL);
        assertThat(ReplayFormat.guess("data.txt", EXAMPLES.get(1))).isEqualTo(ReplayFormat.JSONL);
        assertThat(ReplayFormat.guess("bars.json", "{\"ohlc\": [")).isEqualTo(ReplayFormat.BARS_JSON);
        assertThat(ReplayFormat.guess("bars", "[{\"endTime\": 1, \"kind\": 2}]")).isEqualTo(ReplayFormat.BARS_JSON);
        assertThat(ReplayFormat.fromId("jsonl")).contains(ReplayFormat.JSONL);

        ReplayData guessed = ReplayFiles.load(write("recorded", String.join("\n", EXAMPLES)), null, "X", LOTS);
        assertThat(guessed.format()).isEqualTo(ReplayFormat.JSONL);
        assertThat(guessed.events()).hasSize(EXAMPLES.size());
    }

    @Test
    void everyEventWritten_readsBackToTheSameEvent() throws IOException {
        List<ReplayEvent> events = load(String.join("\n", EXAMPLES)).events();
        String written = String.join("\n", events.stream().map(JsonLines::line).toList());

        assertThat(load(written).events()).containsExactlyElementsOf(events);
        assertThat(JsonLines.line(events.get(5))).isEqualTo("{\"kind\":\"perp_funding\",\"symbol\":\"PEPE\","
                + "\"time\":1700000005000,\"mark\":\"0.0000012345\",\"funding_rate\":\"0.0001\","
                + "\"next_funding_time\":1700006400000,\"funding_interval_ms\":28800000}");
        assertThat(JsonLines.line(events.get(1))).contains("\"sentiment\":0.35");
    }
}
