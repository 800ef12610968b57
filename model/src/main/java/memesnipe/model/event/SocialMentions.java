package memesnipe.model.event;

/**
 * How often a symbol was mentioned on one social source over a trailing window ending at the event time.
 *
 * @param mentions    mentions counted in the window, 0..10^9
 * @param windowMs    the window's length, 1,000..86,400,000 ms
 * @param sentimentE4 mean sentiment at scale 10^4, -10000 (all negative) .. 10000 (all positive)
 * @param source      where they were counted, e.g. "x", "telegram"
 */
public record SocialMentions(String symbol, long eventTimeMs, long mentions, long windowMs, int sentimentE4,
                             String source) implements MarketSignal {
    public static final String KIND = "social_mentions";

    @Override
    public String kind() {
        return KIND;
    }

    /** Mentions per minute over the window. */
    public double perMinute() {
        return mentions * 60_000.0 / windowMs;
    }

    /** Sentiment as a fraction in [-1, 1]. */
    public double sentiment() {
        return sentimentE4 / 10_000.0;
    }
}
