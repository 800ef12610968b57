package memesnipe.gateway.journal;

import memesnipe.gateway.status.JournalStats;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalBookTest {
    @Test
    void admit_beyondMaxInFlight_admitsAPrefixAndCountsTheRestAsDroppedWithoutQueueing() {
        JournalBook book = new JournalBook(5);
        assertThat(book.admit(3, 0)).isEqualTo(3);
        assertThat(book.admit(4, 0)).as("room for two more").isEqualTo(2);
        assertThat(book.admit(1, 0)).isZero();
        assertThat(book.inFlight()).isEqualTo(5);
        assertThat(book.dropped()).isEqualTo(3);
        book.appended(3, 0, 7);
        assertThat(book.admit(10, 7)).as("room again once answered").isEqualTo(3);
        assertThat(book.appended()).isEqualTo(3);
        assertThat(book.lagMs()).isEqualTo(7);
        assertThat(book.dropped()).isEqualTo(10);
    }

    @Test
    void appendFailed_stopsAppendsUntilAProbeAnswers_thenResumes() {
        JournalBook book = new JournalBook(10);
        assertThat(book.admit(2, 0)).isEqualTo(2);
        book.appendFailed(2, "Connection refused", 1);
        assertThat(book.up(1)).isFalse();
        assertThat(book.failures()).isEqualTo(2);
        assertThat(book.inFlight()).isZero();
        assertThat(book.admit(3, 2)).as("Redis down: not sent").isZero();
        assertThat(book.dropped()).isEqualTo(3);
        assertThat(book.stats("s", 2).lastError()).isEqualTo("Connection refused");

        book.probeFailed("Connection refused");
        assertThat(book.admit(1, 3)).isZero();
        book.probed(42);
        assertThat(book.up(4)).isTrue();
        assertThat(book.admit(1, 4)).isEqualTo(1);
        JournalStats s = book.stats("events:price", 4);
        assertThat(s.up()).isTrue();
        assertThat(s.length()).isEqualTo(42L);
        assertThat(s.lastError()).isEmpty();
        assertThat(s.dropped()).isEqualTo(4);
        assertThat(s.inFlight()).isEqualTo(1);
    }

    @Test
    void up_whenAppendsGetNoAnswerForTooLong_isFalseWithTheReason() {
        JournalBook book = new JournalBook(10);
        book.probed(0);
        assertThat(book.admit(1, 1_000)).isEqualTo(1);
        assertThat(book.up(1_000 + JournalBook.STALL_MS)).isTrue();
        assertThat(book.up(1_001 + JournalBook.STALL_MS)).isFalse();
        assertThat(book.stats("s", 1_001 + JournalBook.STALL_MS).lastError()).startsWith("no answer from Redis");
        book.appended(1, 900, 7_000);
        assertThat(book.up(7_000)).isTrue();
        assertThat(book.lagMs()).isEqualTo(6_100);
    }

    @Test
    void stats_beforeRedisEverAnswered_reportDownWithUnknownLengthAndLag() {
        JournalStats s = new JournalBook(10).stats("events:price", 0);
        assertThat(s.up()).isFalse();
        assertThat(s.length()).isNull();
        assertThat(s.lagMs()).isNull();
        assertThat(s.lastError()).isEqualTo("not connected yet");
        assertThatThrownBy(() -> new JournalBook(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
