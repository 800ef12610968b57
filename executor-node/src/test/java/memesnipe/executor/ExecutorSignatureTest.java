package memesnipe.executor;

import com.google.protobuf.ByteString;
import io.vertx.core.Future;
import memesnipe.kit.grpc.NodeServer;
import memesnipe.kit.grpc.Statuses;
import memesnipe.kit.metrics.NodeMetrics;
import memesnipe.kit.tls.NodeName;
import memesnipe.v1.ExecutionReport;
import memesnipe.v1.GetPublicKeysRequest;
import memesnipe.v1.GetPublicKeysResponse;
import memesnipe.v1.OrderStatus;
import memesnipe.v1.PublicKey;
import memesnipe.v1.SignDenyReason;
import memesnipe.v1.SignRequest;
import memesnipe.v1.SignResponse;
import memesnipe.v1.SignerGrpcService;
import memesnipe.v1.SignerService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The executor verifies every signature it gets back before anything reaches the venue. */
class ExecutorSignatureTest {
    static ExecutorHarness h;
    static NodeServer forger;

    /** A "signer" holding the signer's certificate that answers every request with a signature it did not make. */
    static final class ForgingSigner extends SignerService {
        final byte[] publicKey;

        ForgingSigner() throws Exception {
            publicKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        }

        @Override
        public Future<SignResponse> sign(SignRequest request) {
            byte[] junk = new byte[64];
            new SecureRandom().nextBytes(junk);
            return Future.succeededFuture(SignResponse.newBuilder().setSigned(true).setDenyReason(SignDenyReason.SIGN_OK)
                    .setKeyId("forged").setSignature(ByteString.copyFrom(junk)).build());
        }

        @Override
        public Future<GetPublicKeysResponse> getPublicKeys(GetPublicKeysRequest request) {
            return Future.succeededFuture(GetPublicKeysResponse.newBuilder().addKeys(PublicKey.newBuilder()
                    .setKeyId("forged").setAlgorithm("Ed25519").setPublicKey(ByteString.copyFrom(publicKey))).build());
        }
    }

    @BeforeAll
    static void start() throws Exception {
        h = new ExecutorHarness(Map.of());
        forger = NodeServer.builder(h.vertx, NodeName.SIGNER).listen("127.0.0.1", 0).tls(h.certs.of(NodeName.SIGNER))
                .onlyClients(Set.of(NodeName.EXECUTOR)).metrics(NodeMetrics.create("signer"))
                .service(SignerGrpcService.of(new ForgingSigner()))
                .status(() -> Statuses.of("signer", 0, Map.of()).build())
                .build().start().await(10, TimeUnit.SECONDS);
        h.stopExecutor();
        h.executorSettings.put("signer", "127.0.0.1:" + forger.actualPort());
        h.startExecutor();
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @Test
    void execute_whenTheSignatureDoesNotVerify_isRejectedAndNeverReachesTheVenue() throws Exception {
        ExecutionReport report = h.execute(ExecutorHarness.order("forged-1", "1"));
        assertThat(report.getStatus()).isEqualTo(OrderStatus.REJECTED);
        assertThat(report.getRejectReason()).isEqualTo("SIGNATURE_INVALID");
        assertThat(h.venueRecords("forged-1")).isZero();
        assertThat(h.sql("SELECT count(*) AS n FROM fills")).containsExactly(Map.of("n", "0"));
        assertThat(h.status().getFactsOrThrow("badSignatures")).isEqualTo("1");
    }
}
