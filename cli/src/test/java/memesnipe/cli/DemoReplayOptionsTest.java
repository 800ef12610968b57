package memesnipe.cli;

import memesnipe.gateway.GatewayConfig;
import memesnipe.gateway.replay.ReplayFormat;
import memesnipe.kit.config.Settings;
import memesnipe.kit.testing.TestCerts;
import memesnipe.kit.tls.NodeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay options of 'memesnipe demo' and 'memesnipe node gateway' reach the gateway's config. */
class DemoReplayOptionsTest {
    static final TestCerts CERTS = TestCerts.create();

    @TempDir
    Path dir;

    @Test
    void demoReplayOptions_becomeTheGatewaysReplaySettings_waitingForEveryOtherNode() throws Exception {
        Path file = Files.writeString(dir.resolve("eth.json"), "[]");
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--replay", file.toString(), "--speed", "60", "--replay-symbol", "ETH",
                "--replay-format", "bars-json");
        Map<String, String> gateway = demo.replaySettings();
        assertThat(gateway).containsEntry("replay-file", file.toString()).containsEntry("replay-speed", "60")
                .containsEntry("replay-symbol", "ETH").containsEntry("replay-format", "bars-json")
                .containsEntry("replay-wait-subscribers", "4");

        Cluster.Layout layout = new Cluster.Layout(CERTS.dir(), dir, 7001, 8080, "postgresql://u@127.0.0.1:5432/x",
                "redis://127.0.0.1:6379");
        GatewayConfig config = GatewayConfig.from(Cluster.settingsFor(NodeName.GATEWAY, layout, gateway));
        assertThat(config.replay()).isEqualTo(new GatewayConfig.Replay(file, ReplayFormat.BARS_JSON, 60, "ETH",
                GatewayConfig.REPLAY_LIQUIDITY_DEFAULT, 4));

        DemoCommand simulated = new DemoCommand();
        new CommandLine(simulated).parseArgs();
        assertThat(simulated.replaySettings()).isEmpty();
    }

    @Test
    void demoLotExponents_reachTheGateway_andABadOneIsRefusedWithTheKey() {
        Cluster.Layout layout = new Cluster.Layout(CERTS.dir(), dir, 7001, 8080, "postgresql://u@127.0.0.1:5432/x",
                "redis://127.0.0.1:6379");
        GatewayConfig config = GatewayConfig.from(Cluster.settingsFor(NodeName.GATEWAY, layout,
                Map.of(memesnipe.gateway.validation.LotExponents.KEY, "PEPE=6,BONK=6")));
        assertThat(config.lots().of("PEPE")).isEqualTo(6);
        assertThat(config.lots().of("SOL")).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GatewayConfig.from(Cluster.settingsFor(NodeName.GATEWAY,
                layout, Map.of(memesnipe.gateway.validation.LotExponents.KEY, "PEPE=40"))))
                .hasMessageContaining("lot-exponents").hasMessageContaining("0..18");
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--lot-exponents", "PEPE=6");
        assertThat(demo.lotExponents).isEqualTo("PEPE=6");
    }

    @Test
    void demo_refusesReplayOptionsWithoutAFile() {
        assertThat(new CommandLine(new DemoCommand()).execute("--speed", "10")).isEqualTo(2);
    }

    @Test
    void nodeGatewayFlags_carryTheReplayKeysAsTheyAre() throws Exception {
        Path file = Files.writeString(dir.resolve("trades.csv"), "timestamp,price,amount\n");
        Settings s = Settings.empty().withFlags(List.of("--certs-dir", CERTS.dir().toString(), "--replay-file",
                file.toString(), "--replay-speed", "0", "--replay-wait-subscribers", "0"));
        GatewayConfig.Replay replay = GatewayConfig.from(s).replay();
        assertThat(replay.file()).isEqualTo(file);
        assertThat(replay.speed()).isZero();
        assertThat(replay.waitSubscribers()).isZero();
        assertThat(Nodes.documentation(NodeName.GATEWAY)).containsKeys("replay-file", "replay-format", "replay-speed",
                "replay-symbol", "replay-liquidity-usd", "replay-wait-subscribers");
    }
}
