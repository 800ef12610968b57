package memesnipe.backtest.kernel;

import memesnipe.backtest.run.Backtest;
import memesnipe.gateway.feed.FeedEvent;
import memesnipe.gateway.replay.ReplayData;
import memesnipe.gateway.replay.ReplayEvent;
import memesnipe.gateway.replay.ReplayFiles;
import memesnipe.gateway.replay.ReplayFormat;
import memesnipe.gateway.validation.LotExponents;
import memesnipe.model.Side;
import memesnipe.model.event.MarketSignal;
import memesnipe.model.event.PerpFunding;
import memesnipe.model.event.SocialMentions;
import memesnipe.model.event.TokenRisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** A backtest on a JSON Lines file of trades and signals: the kernel validates the signals and the strategies see them. */
class JsonLinesBacktestTest {
    static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    /** Ten minutes of SOL and PEPE trades a second, a buzz on SOL at minute 2, PEPE's perp funding and a rug alarm. */
    Path file() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < 600; s++) {
            long t = T0 + s * 1_000L;
            lines.add(String.format(Locale.ROOT, "{\"kind\":\"trade\",\"symbol\":\"SOL\",\"time\":%d,\"price\":\"%s\","
                    + "\"amount\":\"3\",\"liquidity\":\"5000000\"}", t, 150 + s / 100.0));
            lines.add(String.format(Locale.ROOT, "{\"kind\":\"trade\",\"symbol\":\"PEPE\",\"time\":%d,"
                    + "\"price\":\"0.0000012\",\"amount\":\"900000000\"}", t));
            if (s == 120) {
                lines.add("{\"kind\":\"social_mentions\",\"symbol\":\"SOL\",\"time\":" + (t + 500)
                        + ",\"mentions\":250,\"window_ms\":300000,\"sentiment\":0.6,\"source\":\"x\"}");
            }
            if (s == 200) {
                lines.add("{\"kind\":\"perp_funding\",\"symbol\":\"PEPE\",\"time\":" + (t + 500) + ",\"mark\":"
                        + "\"0.00000121\",\"funding_rate\":\"-0.0003\",\"next_funding_time\":" + (t + 3_600_000)
                        + ",\"funding_interval_ms\":28800000}");
            }
            if (s == 300) {
                lines.add("{\"kind\":\"token_risk\",\"symbol\":\"PEPE\",\"time\":" + (t + 500)
                        + ",\"mint_authority_active\":false,\"top10_holders_bps\":2500,\"lp_removed_bps\":0}");
            }
        }
        return Files.write(dir.resolve("recorded.jsonl"), lines, StandardCharsets.UTF_8);
    }

    @Test
    void theKernel_validatesEverySignalOfTheFile_inItsLot_andTheStrategySeesThemAndTradesOnTheBuzz() throws IOException {
        KernelSettings settings = KernelSettings.defaults().withStrategies(List.of("momentum_5m"))
                .withLots(LotExponents.parse("PEPE=6"));
        ReplayData data = ReplayFiles.load(file(), null, "X", settings.lots());
        assertThat(data.format()).isEqualTo(ReplayFormat.JSONL);
        assertThat(data.rejections().total()).isZero();
        List<FeedEvent> events = data.events().stream().map(e -> e.raw(1e9)).toList();
        KernelSignalTest.BuysOnBuzz strategy = new KernelSignalTest.BuysOnBuzz();

        Backtest.Result r = Backtest.run(settings, () -> List.of(strategy), Arrival.asRecorded(events),
                Long.MIN_VALUE, Long.MAX_VALUE, n -> {
                });

        assertThat(r.rejected().values()).as("refused: " + r.rejected()).allMatch(n -> n == 0);
        assertThat(r.accepted()).isEqualTo(1_203);
        List<MarketSignal> signals = data.events().stream().filter(ReplayEvent::isSignal).map(ReplayEvent::signal)
                .toList();
        assertThat(signals).extracting(MarketSignal::kind).containsExactly(SocialMentions.KIND, PerpFunding.KIND,
                TokenRisk.KIND);
        assertThat(((PerpFunding) signals.get(1)).perpMarkE8()).isEqualTo(121_000_000L); // 1.21 USD per 10^6 PEPE
        assertThat(strategy.seen).containsExactlyElementsOf(signals);
        assertThat(r.fills()).first().satisfies(f -> {
            assertThat(f.symbol()).isEqualTo("SOL");
            assertThat(f.side()).isEqualTo(Side.BUY);
            assertThat(f.timeMs()).isEqualTo(T0 + 121_000); // the first SOL tick after the buzz
        });
    }
}
