package memesnipe.kit.signing;

import memesnipe.kit.testing.TestCerts;
import memesnipe.kit.tls.CertificateAuthority;
import memesnipe.v1.ApprovedOrder;
import memesnipe.v1.OrderPurpose;
import memesnipe.v1.Side;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RiskApprovalTest {
    static final long NOW = 1_700_000_000_000L;
    static final TestCerts CERTS = TestCerts.create();
    static final ApprovedOrder ORDER = CanonicalOrderBytesTest.EXAMPLE;

    static RiskApproval.Verifier verifier() throws Exception {
        return RiskApproval.verifier(CERTS.dir().resolve(RiskApproval.PUBLIC_KEY_FILE));
    }

    @Test
    void certs_writeTheApprovalKeyPair_privateKeyOwnerOnly_andTheTwoHalvesMatch() throws Exception {
        Path key = CERTS.dir().resolve(RiskApproval.PRIVATE_KEY_FILE);
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(CERTS.dir().resolve(RiskApproval.PUBLIC_KEY_FILE)))
                .startsWith("-----BEGIN PUBLIC KEY-----").doesNotContain("PRIVATE");
        assertThat(CERTS.approver().keyId()).hasSize(16).isEqualTo(verifier().keyId());
    }

    @Test
    void approvedOrder_checksValid_atTheBoundEitherWay() throws Exception {
        ApprovedOrder approved = CERTS.approver().approve(ORDER, NOW);
        assertThat(approved.getRiskApproval().size()).isEqualTo(64);
        assertThat(approved.getApprovalTimeMs()).isEqualTo(NOW);
        assertThat(verifier().check(approved, NOW, 60_000).valid()).isTrue();
        assertThat(verifier().check(approved, NOW + 60_000, 60_000).valid()).isTrue();
        assertThat(verifier().check(approved, NOW - 60_000, 60_000).valid()).isTrue();
    }

    @Test
    void orderWithoutApproval_isMissing() throws Exception {
        RiskApproval.Check check = verifier().check(ORDER, NOW, 60_000);
        assertThat(check.problem()).isEqualTo(RiskApproval.Problem.MISSING);
        assertThat(check.valid()).isFalse();
    }

    @Test
    void anySignedFieldChangedAfterApproval_isBadSignature() throws Exception {
        ApprovedOrder approved = CERTS.approver().approve(ORDER, NOW);
        List<UnaryOperator<ApprovedOrder.Builder>> changes = List.of(
                b -> b.setClientOrderId("ord-2"),
                b -> b.setStrategy("mean_revert_1h"),
                b -> b.setSymbol("BONK"),
                b -> b.setSide(Side.SELL),
                b -> b.setPurpose(OrderPurpose.EXIT),
                b -> b.setQtyE8(approved.getQtyE8() * 10),
                b -> b.setReferencePriceE8(1),
                b -> b.setVenue("binance"),
                b -> b.setApprovalTimeMs(NOW + 1));
        for (UnaryOperator<ApprovedOrder.Builder> change : changes) {
            assertThat(verifier().check(change.apply(approved.toBuilder()).build(), NOW, 60_000).problem())
                    .isEqualTo(RiskApproval.Problem.BAD_SIGNATURE);
        }
        assertThat(verifier().check(approved.toBuilder().setDecisionSeq(99).build(), NOW, 60_000).valid())
                .as("tracing fields are not approved").isTrue();
    }

    @Test
    void approvalByAnotherDeploymentsKey_isUnknownKey_andItsKeyIdIsEscapedInTheDescription() throws Exception {
        ApprovedOrder foreign = TestCerts.create().approver().approve(ORDER, NOW);
        RiskApproval.Check check = verifier().check(foreign, NOW, 60_000);
        assertThat(check.problem()).isEqualTo(RiskApproval.Problem.UNKNOWN_KEY);
        ApprovedOrder forged = foreign.toBuilder().setApprovalKeyId("k\nERROR forged line").build();
        assertThat(verifier().check(forged, NOW, 60_000).describe()).doesNotContain("\n")
                .contains(memesnipe.model.text.Printable.of("k\nERROR forged line"));
    }

    @Test
    void approvalOlderThanTheBound_isTooOld_andOneAheadOfTheClock_isFromTheFuture() throws Exception {
        ApprovedOrder approved = CERTS.approver().approve(ORDER, NOW);
        RiskApproval.Check old = verifier().check(approved, NOW + 60_001, 60_000);
        assertThat(old.problem()).isEqualTo(RiskApproval.Problem.TOO_OLD);
        assertThat(old.ageMs()).isEqualTo(60_001);
        assertThat(old.describe()).isEqualTo("TOO_OLD: approved 60001 ms ago, more than 60000 ms");
        assertThat(verifier().check(approved, NOW - 60_001, 60_000).problem())
                .isEqualTo(RiskApproval.Problem.FROM_THE_FUTURE);
    }

    @Test
    void approver_refusesAKeyFileOthersMayRead_orOneThatIsNotAnApprovalKey() throws Exception {
        Path dir = Files.createTempDirectory("approval");
        RiskApproval.writeKeyPair(dir);
        Path key = dir.resolve(RiskApproval.PRIVATE_KEY_FILE);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> RiskApproval.approver(key)).hasMessageContaining("chmod 600");
        CertificateAuthority.writeSecret(key, Files.readString(dir.resolve(RiskApproval.PUBLIC_KEY_FILE)));
        assertThatThrownBy(() -> RiskApproval.approver(key)).hasMessageContaining("not a risk approval key");
        assertThatThrownBy(() -> RiskApproval.approver(dir.resolve("missing.key"))).hasMessageContaining("not found");
        Path other = Files.createTempDirectory("approval-other");
        RiskApproval.writeKeyPair(other);
        RiskApproval.writeKeyPair(dir);
        String privateOnly = Files.readString(key).split("-----BEGIN PUBLIC KEY-----")[0];
        CertificateAuthority.writeSecret(key, privateOnly + Files.readString(other.resolve(RiskApproval.PUBLIC_KEY_FILE)));
        assertThatThrownBy(() -> RiskApproval.approver(key)).hasMessageContaining("does not belong to its private key");
    }
}
