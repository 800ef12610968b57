package memesnipe.model.time;

import org.junit.jupiter.api.Test;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DailyWindowTest {
    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final long HOUR = 3_600_000;

    private static long at(ZoneId zone, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(2024, month, day, hour, minute, 0, 0, zone).toInstant().toEpochMilli();
    }

    @Test
    void aSeoulMorningWindow_includesItsOpening_excludesItsEnd_everyDay() {
        DailyWindow w = new DailyWindow(SEOUL, LocalTime.of(9, 0), 90 * 60_000);
        for (int day = 3; day <= 5; day++) {
            long opens = at(SEOUL, 3, day, 9, 0);
            assertThat(w.endIfInside(opens - 1)).isEqualTo(DailyWindow.OUTSIDE);
            assertThat(w.endIfInside(opens)).isEqualTo(opens + 90 * 60_000);
            assertThat(w.contains(opens + 90 * 60_000 - 1)).isTrue();
            assertThat(w.contains(opens + 90 * 60_000)).isFalse();
            assertThat(w.contains(opens + 12 * HOUR)).isFalse();
        }
        assertThat(at(SEOUL, 3, 4, 9, 0)).as("09:00 in Seoul is midnight UTC").isEqualTo(
                java.time.Instant.parse("2024-03-04T00:00:00Z").toEpochMilli());
    }

    @Test
    void answersTheSame_whenTimeJumpsBackAndForth_asWhenAskedFresh() {
        DailyWindow cached = new DailyWindow(SEOUL, LocalTime.of(9, 0), HOUR);
        long start = at(SEOUL, 3, 1, 0, 0);
        long[] times = {start + 10 * HOUR, start + 9 * HOUR + 5, start - 30 * HOUR, start + 33 * HOUR + 59 * 60_000,
                start + 9 * HOUR - 1, start + 200 * HOUR + 9 * HOUR, start + 9 * HOUR + 30 * 60_000};
        for (long t : times) {
            assertThat(cached.endIfInside(t)).as("at %d", t)
                    .isEqualTo(new DailyWindow(SEOUL, LocalTime.of(9, 0), HOUR).endIfInside(t));
        }
        assertThat(cached.contains(start + 33 * HOUR + 59 * 60_000)).isTrue(); // 09:59 the next day
        assertThat(cached.contains(start + 10 * HOUR)).isFalse();
    }

    @Test
    void aWindowAcrossMidnight_isInsideOnBothSidesOfIt() {
        DailyWindow w = new DailyWindow(SEOUL, LocalTime.of(23, 30), HOUR);
        long opens = at(SEOUL, 3, 4, 23, 30);
        assertThat(w.endIfInside(at(SEOUL, 3, 5, 0, 15))).isEqualTo(opens + HOUR);
        assertThat(w.endIfInside(opens + 10)).isEqualTo(opens + HOUR);
        assertThat(w.contains(at(SEOUL, 3, 5, 0, 30))).isFalse();
    }

    @Test
    void inAZoneWithDaylightSavingTime_theWindowFollowsTheWallClock() {
        ZoneId berlin = ZoneId.of("Europe/Berlin"); // clocks go forward on 31 March 2024
        DailyWindow w = new DailyWindow(berlin, LocalTime.of(9, 0), HOUR);
        assertThat(w.endIfInside(at(berlin, 3, 30, 9, 0))).isEqualTo(at(berlin, 3, 30, 10, 0));
        assertThat(w.endIfInside(at(berlin, 3, 31, 9, 0))).isEqualTo(at(berlin, 3, 31, 10, 0));
        assertThat(at(berlin, 3, 31, 9, 0) - at(berlin, 3, 30, 9, 0)).isEqualTo(23 * HOUR);
    }

    @Test
    void refusesAnEmptyWindow_andOneOfMoreThanTwelveHours() {
        assertThatThrownBy(() -> new DailyWindow(SEOUL, LocalTime.NOON, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DailyWindow(SEOUL, LocalTime.NOON, 12 * HOUR + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
