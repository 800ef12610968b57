package memesnipe.kit.grpc;

import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallsTest {
    @Test
    void callFailed_keepsAPeersStatusMessageEscapedAndCut_becauseItIsLogged() {
        String forged = "no\n12:00:00.000 ERROR [main] x - FORGED LINE\u2028" + "z".repeat(250_000);
        Calls.CallFailed failed = new Calls.CallFailed(GrpcStatus.INTERNAL, forged);
        assertThat(failed.getMessage()).startsWith("INTERNAL: no\\u000a").contains("FORGED LINE")
                .doesNotContain("\n", "\u2028").hasSizeLessThan(1_000);
    }
}
