package memesnipe.signer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import memesnipe.kit.config.HostPort;
import memesnipe.kit.config.Settings;
import memesnipe.kit.grpc.Calls;
import memesnipe.kit.grpc.GrpcClients;
import memesnipe.kit.grpc.PeerProbe;
import memesnipe.kit.testing.ReflectionProbe;
import memesnipe.kit.testing.TestCerts;
import memesnipe.model.time.Clock;
import memesnipe.kit.tls.CertificateAuthority;
import memesnipe.kit.tls.NodeName;
import memesnipe.kit.tls.TlsFiles;
import memesnipe.signer.audit.AuditLog;
import memesnipe.signer.keystore.KeyFile;
import memesnipe.kit.signing.CanonicalOrderBytes;
import memesnipe.v1.ApprovedOrder;
import memesnipe.v1.GetPublicKeysRequest;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.PublicKey;
import memesnipe.v1.Side;
import memesnipe.v1.SignDenyReason;
import memesnipe.v1.SignRequest;
import memesnipe.v1.SignResponse;
import memesnipe.v1.SignerGrpcClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignerVerticleTest {
    static Vertx vertx;
    static TestCerts certs;
    static Path workDir;
    static SignerVerticle signer;
    static HostPort address;
    static GrpcClient executorClient;

    static final ApprovedOrder ORDER = ApprovedOrder.newBuilder()
            .setClientOrderId("ord-1").setStrategy("momentum_5m").setSymbol("SOL")
            .setSide(Side.BUY).setPurpose(OrderPurpose.ENTRY)
            .setQtyE8(250_000_000L).setReferencePriceE8(15_000_000_000L).setVenue("paper").build();

    static Settings settings(Path dir) {
        return Settings.empty().with("certs-dir", certs.dir().toString()).with("host", "127.0.0.1")
                .with("grpc-port", "0").with("key-file", dir.resolve("signer-key.pem").toString())
                .with("key-passphrase-file", memesnipe.kit.testing.TestSecrets.passphraseFile(dir).toString())
                .with("audit-file", dir.resolve("audit.log").toString()).with("max-order-notional", "1000")
                .with("gateway", market.address());
    }

    static memesnipe.kit.testing.StandInGateway market;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        certs = TestCerts.create();
        workDir = Files.createTempDirectory("signer-test");
        market = memesnipe.kit.testing.StandInGateway.start(vertx, certs, Map.of("SOL", 15_000_000_000L))
                .await(10, TimeUnit.SECONDS); // SOL at 150 USD: the signer's own price
        signer = new SignerVerticle(SignerConfig.from(settings(workDir)), Clock.system());
        vertx.deployVerticle(signer).await(10, TimeUnit.SECONDS);
        address = new HostPort("127.0.0.1", signer.grpcPort());
        executorClient = GrpcClients.create(vertx, certs.of(NodeName.EXECUTOR));
        awaitOwnPrice();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** Asks for a signature of the order with risk's approval made now, as the executor forwards it. */
    static Future<SignResponse> sign(GrpcClient client, ApprovedOrder order) {
        return signAsIs(client, certs.approver().approve(order, System.currentTimeMillis()));
    }

    /** Asks for a signature of the order exactly as given: no approval is added. */
    static Future<SignResponse> signAsIs(GrpcClient client, ApprovedOrder order) {
        return Calls.unary(client, address, SignerGrpcClient.Sign, SignRequest.newBuilder().setOrder(order).build(), 3000);
    }

    static long auditLines() throws Exception {
        return Files.readAllLines(workDir.resolve("audit.log")).size();
    }

    @Test
    void sign_withExecutorCertificate_returnsSignatureThatVerifiesWithPublishedKey() throws Exception {
        SignResponse resp = sign(executorClient, ORDER).await(5, TimeUnit.SECONDS);
        assertThat(resp.getSigned()).isTrue();
        assertThat(resp.getSignature().size()).isEqualTo(64);

        PublicKey key = Calls.unary(executorClient, address, SignerGrpcClient.GetPublicKeys,
                GetPublicKeysRequest.getDefaultInstance(), 3000).await(5, TimeUnit.SECONDS).getKeys(0);
        assertThat(key.getKeyId()).isEqualTo(resp.getKeyId()).isEqualTo(signer.keyId());
        assertThat(key.getAlgorithm()).isEqualTo("Ed25519");
        assertThat(KeyFile.verify(key.getPublicKey().toByteArray(), CanonicalOrderBytes.of(ORDER),
                resp.getSignature().toByteArray())).isTrue();
        ApprovedOrder altered = ORDER.toBuilder().setQtyE8(ORDER.getQtyE8() * 2).build();
        assertThat(KeyFile.verify(key.getPublicKey().toByteArray(), CanonicalOrderBytes.of(altered),
                resp.getSignature().toByteArray())).isFalse();
        assertThat(Files.readString(workDir.resolve("audit.log"))).contains("client_order_id=ord-1\tdecision=SIGNED");
    }

    @Test
    void sign_withoutRisksValidApproval_isDeniedApprovalInvalid_nothingSigned_andAudited() throws Exception {
        long now = System.currentTimeMillis();
        ApprovedOrder approved = certs.approver().approve(ORDER.toBuilder().setClientOrderId("ord-tampered").build(), now);
        Map<String, ApprovedOrder> cases = Map.of(
                "MISSING", ORDER.toBuilder().setClientOrderId("ord-unapproved").build(),
                "BAD_SIGNATURE", approved.toBuilder().setQtyE8(approved.getQtyE8() * 3).build(),
                "UNKNOWN_KEY", TestCerts.create().approver().approve(ORDER.toBuilder().setClientOrderId("ord-foreign").build(), now),
                "TOO_OLD", certs.approver().approve(ORDER.toBuilder().setClientOrderId("ord-old").build(), now - 61_000));
        for (Map.Entry<String, ApprovedOrder> c : cases.entrySet()) {
            SignResponse resp = signAsIs(executorClient, c.getValue()).await(5, TimeUnit.SECONDS);
            assertThat(resp.getSigned()).as(c.getKey()).isFalse();
            assertThat(resp.getDenyReason()).isEqualTo(SignDenyReason.APPROVAL_INVALID);
            assertThat(resp.getDetail()).startsWith(c.getKey());
            assertThat(resp.getSignature().isEmpty()).isTrue();
            assertThat(Files.readString(workDir.resolve("audit.log"))).contains("client_order_id="
                    + c.getValue().getClientOrderId() + "\tdecision=DENIED\treason=APPROVAL_INVALID");
        }
        assertThat(AuditLog.verify(workDir.resolve("audit.log")).intact()).isTrue();
    }

    @Test
    void sign_aboveNotionalLimit_isDeniedAsData_andAudited() throws Exception {
        ApprovedOrder big = ORDER.toBuilder().setClientOrderId("ord-big").setQtyE8(10 * 100_000_000L).build(); // 1500 USD
        SignResponse resp = sign(executorClient, big).await(5, TimeUnit.SECONDS);
        assertThat(resp.getSigned()).isFalse();
        assertThat(resp.getDenyReason()).isEqualTo(SignDenyReason.NOTIONAL_LIMIT);
        assertThat(resp.getSignature().isEmpty()).isTrue();
        assertThat(Files.readString(workDir.resolve("audit.log")))
                .contains("client_order_id=ord-big\tdecision=DENIED\treason=NOTIONAL_LIMIT");
        assertThat(AuditLog.verify(workDir.resolve("audit.log")).intact()).isTrue();
    }

    @Test
    void sign_withCallersPriceFarBelowTheMarket_isDeniedAtTheSignersOwnPrice() throws Exception {
        // 400 SOL "at" 0.00000001 USD: the caller's price says 0.000004 USD, the signer's own price 60,000 USD
        ApprovedOrder cheap = ORDER.toBuilder().setClientOrderId("ord-cheap").setQtyE8(400 * 100_000_000L)
                .setReferencePriceE8(1).build();
        SignResponse resp = sign(executorClient, cheap).await(5, TimeUnit.SECONDS);
        assertThat(resp.getSigned()).isFalse();
        assertThat(resp.getDenyReason()).isEqualTo(SignDenyReason.NOTIONAL_LIMIT);
        assertThat(resp.getDetail()).contains("at 150");
    }

    @Test
    void sign_buyForASymbolWithoutAPriceOfItsOwn_isDeniedNoPrice() throws Exception {
        ApprovedOrder unknown = ORDER.toBuilder().setClientOrderId("ord-unpriced").setSymbol("NOPRICE").build();
        SignResponse resp = sign(executorClient, unknown).await(5, TimeUnit.SECONDS);
        assertThat(resp.getDenyReason()).isEqualTo(SignDenyReason.NO_PRICE);
    }

    @Test
    void sign_anOrderInAnotherLotThanTheSignersOwnMarketData_isDeniedWrongLot_andAudited() throws Exception {
        market.price("BABYDOGE", 3_000_000L, 9); // 3e-11 USD a token, 0.03 USD per lot of 10^9
        ApprovedOrder inLots = ORDER.toBuilder().setSymbol("BABYDOGE").setQtyE8(10_000 * 100_000_000L) // 300 USD
                .setReferencePriceE8(3_000_000L).setLotExponent(9).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        SignResponse ok;
        int attempt = 0;
        do { // until the signer has its own BABYDOGE price
            ok = sign(executorClient, inLots.toBuilder().setClientOrderId("ord-lots-" + attempt++).build())
                    .await(5, TimeUnit.SECONDS);
            assertThat(System.nanoTime()).as("signer never priced BABYDOGE: " + ok.getDetail()).isLessThan(deadline);
        } while (!ok.getSigned());

        // the same order in single units would be 10,000 tokens valued at 0.03 USD each: refused, not guessed
        SignResponse wrong = sign(executorClient, inLots.toBuilder().setClientOrderId("ord-wrong-lot").setLotExponent(0)
                .build()).await(5, TimeUnit.SECONDS);
        assertThat(wrong.getSigned()).isFalse();
        assertThat(wrong.getDenyReason()).isEqualTo(SignDenyReason.WRONG_LOT);
        assertThat(wrong.getDetail()).contains("lot_exponent 0 but the market data has 9");
        assertThat(Files.readString(workDir.resolve("audit.log")))
                .contains("client_order_id=ord-wrong-lot\tdecision=DENIED\treason=WRONG_LOT");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"side", "purpose", "symbol", "strategy", "venue", "id"})
    void sign_malformedField_isInvalidArgumentAndNothingIsSigned(String field) {
        ApprovedOrder.Builder b = ORDER.toBuilder().setClientOrderId("ord-malformed-" + field);
        switch (field) {
            case "side" -> b.setSide(Side.SIDE_UNSPECIFIED);
            case "purpose" -> b.setPurpose(OrderPurpose.PURPOSE_UNSPECIFIED);
            case "symbol" -> b.setSymbol("");
            case "strategy" -> b.setStrategy("evil\nERROR forged line");
            case "venue" -> b.setVenue("x".repeat(200));
            default -> b.setClientOrderId("id with spaces");
        }
        assertThatThrownBy(() -> sign(executorClient, b.build()).await(5, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(Calls.CallFailed.class,
                        e -> assertThat(e.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT));
    }

    /** Waits until the signer has its own SOL price: a small buy is signed rather than refused NO_PRICE. */
    static void awaitOwnPrice() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int attempt = 0;
        // generous bounds: the first call also pays the TLS handshake and class loading on a busy machine
        while (!sign(executorClient, ORDER.toBuilder().setClientOrderId("ord-warmup-" + attempt++).build())
                .await(20, TimeUnit.SECONDS).getSigned()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the signer never connected to its market data");
            }
            Thread.sleep(50);
        }
    }

    @Test
    void sign_malformedOrder_isInvalidArgument() {
        assertThatThrownBy(() -> sign(executorClient, ORDER.toBuilder().setQtyE8(0).build()).await(5, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(Calls.CallFailed.class,
                        e -> assertThat(e.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT))
                .hasMessageContaining("qty_e8 must be > 0");
    }

    @Test
    void clientWithoutCertificate_isRefused() throws Exception {
        GrpcClient anonymous = GrpcClient.client(vertx, new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setSsl(true).setUseAlpn(true).setTrustOptions(certs.of(NodeName.EXECUTOR).trustOptions()));
        assertRefused(anonymous);
    }

    @Test
    void executorCertificateFromAnotherCa_isRefused() throws Exception {
        CertificateAuthority rogue = CertificateAuthority.create("Rogue CA", Duration.ofDays(1));
        CertificateAuthority.Issued issued = rogue.issue(NodeName.EXECUTOR, List.of(), Duration.ofDays(1));
        Path dir = Files.createTempDirectory("rogue");
        Files.writeString(dir.resolve("executor.pem"), issued.certificatePem());
        CertificateAuthority.writeSecret(dir.resolve("executor-key.pem"), issued.privateKeyPem());
        TlsFiles files = new TlsFiles(certs.of(NodeName.EXECUTOR).ca(), dir.resolve("executor.pem"), dir.resolve("executor-key.pem"));
        assertRefused(GrpcClients.create(vertx, files));
    }

    @Test
    void otherNodesCertificateFromTheRightCa_isRefused() throws Exception {
        assertRefused(GrpcClients.create(vertx, certs.of(NodeName.GATEWAY)));
        assertRefused(GrpcClients.create(vertx, certs.of(NodeName.RISK)));
    }

    static void assertRefused(GrpcClient client) throws Exception {
        long before = auditLines();
        ApprovedOrder order = ORDER.toBuilder().setClientOrderId("ord-intruder").build();
        assertThatThrownBy(() -> sign(client, order).await(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(auditLines()).isEqualTo(before);
        assertThat(Files.readString(workDir.resolve("audit.log"))).doesNotContain("ord-intruder");
    }

    @Test
    void healthStatusAndReflection_answerTheExecutor() throws Exception {
        PeerProbe probe = new PeerProbe(executorClient);
        assertThat(probe.serving(address, 3000).await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.status(address, 3000).await(5, TimeUnit.SECONDS).getFactsMap())
                .containsKeys("signed", "denied").containsEntry("keyId", signer.keyId());
        assertThat(ReflectionProbe.listServices(executorClient, address).await(5, TimeUnit.SECONDS))
                .contains("memesnipe.v1.Signer", "memesnipe.v1.Node", "grpc.health.v1.Health");
    }

    @Test
    void start_withGroupReadableKeyFile_failsWithClearMessage() throws Exception {
        Path dir = Files.createTempDirectory("signer-bad");
        KeyFile.loadOrCreate(dir.resolve("signer-key.pem"), KeyFile.readPassphrase(memesnipe.kit.testing.TestSecrets.passphraseFile(dir)));
        Files.setPosixFilePermissions(dir.resolve("signer-key.pem"), PosixFilePermissions.fromString("rw-r--r--"));
        SignerVerticle bad = new SignerVerticle(SignerConfig.from(settings(dir)), Clock.system());
        assertThatThrownBy(() -> vertx.deployVerticle(bad).await(10, TimeUnit.SECONDS))
                .hasMessageContaining("chmod 600");
    }

    @Test
    void config_unknownKeyAndBadValues_areReportedTogether() {
        assertThatThrownBy(() -> SignerConfig.from(settings(workDir).with("max-order-notional", "abc")
                .with("max-signs-per-second", "0").with("colour", "red")))
                .hasMessageContaining("max-order-notional").hasMessageContaining("max-signs-per-second")
                .hasMessageContaining("unknown setting 'colour'");
        assertThat(SignerConfig.documentation()).containsKeys("key-file", "audit-file", "max-order-notional",
                "max-signs-per-second", "allowed-venues", "grpc-port", "approval-public-key", "approval-max-age-ms");
    }
}
