package memesnipe.performance;

/**
 * The fixed period at which the equity curve is resampled into period returns, and how those returns are
 * annualized: a 24/7 market with a 365-day year, so there are 365 days / period periods per year.
 */
public record Sampling(long periodMs) {
    public static final long MINUTE_MS = 60_000L;
    public static final long HOUR_MS = 60 * MINUTE_MS;
    public static final long DAY_MS = 24 * HOUR_MS;
    public static final long YEAR_MS = 365 * DAY_MS;
    /** {@link #forSpan} picks the coarsest candidate period that still yields at least this many periods. */
    public static final int MIN_PERIODS_FOR_AUTO = 30;

    public Sampling {
        if (periodMs <= 0) {
            throw new IllegalArgumentException("sampling period must be positive: " + periodMs + " ms");
        }
    }

    public static Sampling hourly() {
        return new Sampling(HOUR_MS);
    }

    public static Sampling daily() {
        return new Sampling(DAY_MS);
    }

    /**
     * For a run spanning {@code spanMs}: daily if that gives at least {@value #MIN_PERIODS_FOR_AUTO} periods,
     * else hourly if that does, else every minute.
     */
    public static Sampling forSpan(long spanMs) {
        for (long period : new long[] {DAY_MS, HOUR_MS}) {
            if (spanMs / period >= MIN_PERIODS_FOR_AUTO) {
                return new Sampling(period);
            }
        }
        return new Sampling(MINUTE_MS);
    }

    /** 365 days divided by the period, e.g. 8760 for an hour and 365 for a day. */
    public double periodsPerYear() {
        return (double) YEAR_MS / periodMs;
    }

    /** The period in words: "1 day", "4 hours", "1 minute", "30 seconds", "250 ms". */
    public String label() {
        if (periodMs % DAY_MS == 0) {
            return plural(periodMs / DAY_MS, "day");
        }
        if (periodMs % HOUR_MS == 0) {
            return plural(periodMs / HOUR_MS, "hour");
        }
        if (periodMs % MINUTE_MS == 0) {
            return plural(periodMs / MINUTE_MS, "minute");
        }
        if (periodMs % 1000 == 0) {
            return plural(periodMs / 1000, "second");
        }
        return periodMs + " ms";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
