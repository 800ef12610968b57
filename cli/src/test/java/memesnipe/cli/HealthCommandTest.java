package memesnipe.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** 'memesnipe health' without --address asks the node of its container where that node listens. */
class HealthCommandTest {
    @Test
    void ownAddress_whenTheNodeListensOnOneAddress_asksThatAddress() {
        // the signer in deploy/compose listens on its signing address only: loopback would never answer
        assertThat(HealthCommand.ownAddress(Map.of("MEMESNIPE_HOST", "172.28.30.10", "MEMESNIPE_GRPC_PORT", "7005")))
                .isEqualTo("172.28.30.10:7005");
    }

    @Test
    void ownAddress_whenTheNodeListensEverywhereOrHostUnset_asksLoopback() {
        assertThat(HealthCommand.ownAddress(Map.of("MEMESNIPE_HOST", "0.0.0.0", "MEMESNIPE_GRPC_PORT", "7003")))
                .isEqualTo("127.0.0.1:7003");
        assertThat(HealthCommand.ownAddress(Map.of("MEMESNIPE_HOST", "::", "MEMESNIPE_GRPC_PORT", "7003")))
                .isEqualTo("127.0.0.1:7003");
        assertThat(HealthCommand.ownAddress(Map.of())).isEqualTo("127.0.0.1:7001");
    }
}
