package memesnipe.executor.paper;

import memesnipe.executor.venue.PaperPricing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import memesnipe.model.money.Fixed;
import memesnipe.model.time.ManualClock;
import memesnipe.model.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The paper venue's durable record, on a real file: dedupe, query, cancel, across re-opens. */
class PaperVenueTest {
    final Vertx vertx = Vertx.vertx();
    final ManualClock clock = new ManualClock(1_000);
    final PaperPricing pricing = new PaperPricing(0, 0, 60_000, clock);

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.await(10, TimeUnit.SECONDS);
    }

    PaperVenue open(Path dir, int indexSize) throws Exception {
        return await(vertx.getOrCreateContext().<PaperVenue>executeBlocking(() -> null)
                .compose(v -> PaperVenue.open(vertx, dir, pricing, clock, indexSize)));
    }

    static PaperVenue.VenueOrder buy(String id) {
        return new PaperVenue.VenueOrder(id, "SOL", Side.BUY, Fixed.ONE);
    }

    @Test
    void place_sameClientIdTwice_returnsTheFirstOutcome_flaggedExisting_andPlacesOnce() throws Exception {
        pricing.mark("SOL", Fixed.parse("150"));
        PaperVenue venue = open(Files.createTempDirectory("venue"), 100);
        PaperVenue.Placement first = await(venue.place(buy("a")));
        assertThat(first.existing()).isFalse();
        assertThat(first.outcome()).isEqualTo(new PaperVenue.Filled("SOL", Side.BUY, Fixed.ONE, Fixed.parse("150"), 0, 1_000));
        pricing.mark("SOL", Fixed.parse("999"));
        PaperVenue.Placement again = await(venue.place(buy("a")));
        assertThat(again.existing()).isTrue();
        assertThat(again.outcome()).isEqualTo(first.outcome());
        assertThat(venue.placements()).isEqualTo(1);
    }

    @Test
    void recordSurvivesReopen_queryAnswersFilledOrUnknown_andARepeatIsStillDeduped() throws Exception {
        pricing.mark("SOL", Fixed.parse("150"));
        Path dir = Files.createTempDirectory("venue");
        PaperVenue venue = open(dir, 100);
        PaperVenue.Outcome filled = await(venue.place(buy("a"))).outcome();
        await(venue.close());

        PaperVenue reopened = open(dir, 100);
        assertThat(await(reopened.query("a"))).isEqualTo(filled);
        assertThat(await(reopened.query("never"))).isInstanceOf(PaperVenue.Unknown.class);
        assertThat(await(reopened.place(buy("a")))).isEqualTo(new PaperVenue.Placement(filled, true));
        assertThat(reopened.placements()).isZero();
    }

    @Test
    void cancel_ofAnUnknownId_recordsCancelled_soALateArrivalIsRefused_evenAfterReopen() throws Exception {
        pricing.mark("SOL", Fixed.parse("150"));
        Path dir = Files.createTempDirectory("venue");
        PaperVenue venue = open(dir, 100);
        assertThat(await(venue.cancel("late"))).isEqualTo(new PaperVenue.Cancelled(1_000));
        assertThat(await(venue.place(buy("late")))).isEqualTo(new PaperVenue.Placement(new PaperVenue.Cancelled(1_000), true));
        await(venue.close());
        PaperVenue reopened = open(dir, 100);
        assertThat(await(reopened.place(buy("late"))).outcome()).isInstanceOf(PaperVenue.Cancelled.class);
        PaperVenue.Outcome filled = await(reopened.place(buy("b"))).outcome();
        assertThat(await(reopened.cancel("b"))).as("a filled order stays filled").isEqualTo(filled);
    }

    @Test
    void noMark_isRecordedAsRejectedNoPrice() throws Exception {
        PaperVenue venue = open(Files.createTempDirectory("venue"), 100);
        assertThat(await(venue.place(buy("x"))).outcome()).isEqualTo(new PaperVenue.Rejected("NO_PRICE", 1_000));
        assertThat(await(venue.query("x"))).isEqualTo(new PaperVenue.Rejected("NO_PRICE", 1_000));
    }

    @Test
    void idsBeyondTheMemoryBound_areFoundInTheFile_soDedupeCoversAllHistory() throws Exception {
        pricing.mark("SOL", Fixed.parse("150"));
        Path dir = Files.createTempDirectory("venue");
        PaperVenue venue = open(dir, 2);
        PaperVenue.Outcome first = await(venue.place(buy("old"))).outcome();
        for (int i = 0; i < 5; i++) {
            await(venue.place(buy("n" + i)));
        }
        assertThat(venue.indexed()).isEqualTo(2);
        assertThat(await(venue.place(buy("old")))).isEqualTo(new PaperVenue.Placement(first, true));
        assertThat(venue.scans()).isEqualTo(1);
        await(venue.close());
        PaperVenue reopened = open(dir, 2);
        assertThat(await(reopened.query("old"))).isEqualTo(first);
        assertThat(await(reopened.query("n0"))).isInstanceOf(PaperVenue.Filled.class);
        assertThat(await(reopened.query("never-seen"))).isInstanceOf(PaperVenue.Unknown.class);
    }

    @Test
    void tornLastLine_isCutOnOpen_andTheRecordGoesOn() throws Exception {
        pricing.mark("SOL", Fixed.parse("150"));
        Path dir = Files.createTempDirectory("venue");
        PaperVenue venue = open(dir, 100);
        await(venue.place(buy("a")));
        await(venue.close());
        Files.writeString(dir.resolve(PaperVenue.FILE), "0badc0de {\"id\":\"b\",\"sta", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        PaperVenue reopened = open(dir, 100);
        assertThat(await(reopened.query("a"))).isInstanceOf(PaperVenue.Filled.class);
        assertThat(await(reopened.query("b"))).isInstanceOf(PaperVenue.Unknown.class);
        await(reopened.place(buy("c")));
        await(reopened.close());
        assertThat(Files.readAllLines(dir.resolve(PaperVenue.FILE))).hasSize(2);
    }

    @Test
    void idFilter_neverForgets_andRarelyImagines() {
        IdFilter f = new IdFilter(16);
        for (int i = 0; i < 5_000; i++) {
            f.add("id-" + i);
        }
        for (int i = 0; i < 5_000; i++) {
            assertThat(f.mightContain("id-" + i)).isTrue();
        }
        int falseMaybes = 0;
        for (int i = 0; i < 10_000; i++) {
            if (f.mightContain("other-" + i)) {
                falseMaybes++;
            }
        }
        assertThat(falseMaybes).isLessThan(200); // ~0.5 % expected at 65,536 bits, 5,000 ids, 6 hashes
    }

    @Test
    void placementWhoseFillDoesNotFitALong_isRecordedRejected_andEveryRepeatGetsThatAnswer_alsoAfterReopen()
            throws Exception {
        pricing.mark("SOL", Fixed.parse("150"));
        Path dir = Files.createTempDirectory("venue");
        PaperVenue venue = open(dir, 100);
        PaperVenue.VenueOrder huge = new PaperVenue.VenueOrder("huge", "SOL", Side.BUY, 9_000_000_000_000_000_000L);
        PaperVenue.Placement first = await(venue.place(huge));
        assertThat(first.existing()).isFalse();
        assertThat(first.outcome()).isInstanceOf(PaperVenue.Rejected.class);
        String reason = ((PaperVenue.Rejected) first.outcome()).reason();
        assertThat(reason).startsWith("AMOUNT_OUT_OF_RANGE: ");
        assertThat(await(venue.place(huge)).outcome()).isEqualTo(first.outcome());
        await(venue.close());
        PaperVenue reopened = open(dir, 100);
        assertThat(await(reopened.query("huge"))).isEqualTo(first.outcome());
        PaperVenue.Placement again = await(reopened.place(huge));
        assertThat(again.existing()).isTrue();
        assertThat(again.outcome()).isEqualTo(first.outcome());
    }
}
