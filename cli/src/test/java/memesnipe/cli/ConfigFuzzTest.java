package memesnipe.cli;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import memesnipe.executor.ExecutorConfig;
import memesnipe.gateway.GatewayConfig;
import memesnipe.kit.config.ConfigException;
import memesnipe.kit.config.Settings;
import memesnipe.kit.testing.TestCerts;
import memesnipe.risk.RiskConfig;
import memesnipe.signer.SignerConfig;
import memesnipe.strategy.node.StrategyConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever flags an operator (or a script) passes, every node's config either comes out valid or is refused with
 * a ConfigException listing the problems on one line each: no other exception escapes, and no problem text
 * carries a raw line break from a value. Runs over the committed corpus in the normal suite; JAZZER_FUZZ=1
 * fuzzes for real.
 */
class ConfigFuzzTest {
    static final TestCerts CERTS = TestCerts.create();
    static final List<Function<Settings, ?>> NODES = List.of(GatewayConfig::from, StrategyConfig::from, RiskConfig::from,
            ExecutorConfig::from, SignerConfig::from);
    static final String[] KEYS;

    static {
        TreeSet<String> keys = new TreeSet<>();
        keys.addAll(GatewayConfig.documentation().keySet());
        keys.addAll(StrategyConfig.documentation().keySet());
        keys.addAll(RiskConfig.documentation().keySet());
        keys.addAll(ExecutorConfig.documentation().keySet());
        keys.addAll(SignerConfig.documentation().keySet());
        keys.remove("certs-dir");
        KEYS = keys.toArray(String[]::new);
    }

    @FuzzTest(maxDuration = "30s")
    void anyFlags_giveEveryNodeAValidConfig_orOneLineProblems(FuzzedDataProvider data) {
        List<String> args = new ArrayList<>();
        int n = data.consumeInt(0, 10);
        for (int i = 0; i < n; i++) {
            // mostly real keys, so values reach their parsers; sometimes anything
            String key = data.consumeBoolean() ? KEYS[data.consumeInt(0, KEYS.length - 1)] : data.consumeString(24);
            args.add("--" + key + "=" + data.consumeString(80));
        }
        Settings settings = Settings.empty().with("certs-dir", CERTS.dir().toString()).withFlags(args);
        for (Function<Settings, ?> node : NODES) {
            try {
                assertThat(node.apply(settings)).isNotNull();
            } catch (ConfigException e) {
                assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).doesNotContain("\n", "\r"));
            }
        }
    }
}
