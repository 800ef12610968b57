package memesnipe.signer;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import memesnipe.kit.testing.WireFuzz;
import memesnipe.model.time.ManualClock;
import memesnipe.signer.policy.SignerPolicy;
import memesnipe.v1.ApprovedOrder;
import memesnipe.v1.SignRequest;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signer/Sign from the wire to the decision: whatever fields arrive (any text, any number, unknown enum values), the request is malformed with a one-line reason, or decided by the policy (signed or a typed denial) —
 * never an exception. Runs over the committed corpus in the normal suite; JAZZER_FUZZ=1 fuzzes for real.
 */
class SignRequestFuzzTest {
    static final SignerPolicy.Limits LIMITS = new SignerPolicy.Limits(1_000 * 100_000_000L, 1_000_000, Set.of("paper"),
            10_000_000_000L * 100_000_000L / 1_000_000);

    @FuzzTest(maxDuration = "30s")
    void anySignRequest_isMalformedOrDecided_neverThrows(FuzzedDataProvider data) {
        long ownFresh = data.consumeLong();
        long ownLast = data.consumeLong();
        SignRequest request = SignRequest.newBuilder().setKeyId(data.consumeString(20))
                .setOrder(WireFuzz.order(data)).build();
        String problem = SignerVerticle.malformed(request);
        if (problem != null) {
            assertThat(problem).doesNotContain("\n", "\r");
            return;
        }
        ApprovedOrder o = request.getOrder();
        SignerPolicy policy = new SignerPolicy(LIMITS, Set.of("k1"), new ManualClock(1_700_000_000_000L));
        SignerPolicy.Decision d = policy.decide(request.getKeyId().isEmpty() ? "k1" : request.getKeyId(), o.getVenue(),
                o.getQtyE8(), o.getReferencePriceE8(), o.getSide() == memesnipe.v1.Side.SELL,
                new SignerPolicy.OwnPrice(ownFresh, ownLast));
        assertThat(d).isNotNull();
        if (d.allowed()) {
            assertThat(o.getQtyE8()).isPositive().isLessThanOrEqualTo(LIMITS.maxOrderQtyE8());
        }
    }
}
