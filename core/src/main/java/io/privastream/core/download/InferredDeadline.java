package io.privastream.core.download;

import io.privastream.core.media.ContentId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Infers the player's buffer from the pattern of its requests, without any help from the player.
 *
 * <p>A player asking for media segment {@code i} holds the segments before it. Counting from the
 * first segment {@code i0} it asked for at time {@code t0}, it has received {@code (i - i0)}
 * segment durations of media and played at most {@code now - t0} of them (assuming, cautiously,
 * that playback started at once). The buffer ahead is the difference, and the deadline is
 * {@code now + clamp(buffer - reserve, minLead, maxLead)}. A jump of the index backwards or far
 * forwards (a seek, a new session) restarts the count. Initialization segments and objects
 * without an index get {@code now + minLead}.
 *
 * <p>Thread-safe; remembers at most 1024 contents.
 */
final class InferredDeadline implements DeadlinePolicy {

    /**
     * @param minLead  shortest lead granted, in segment durations (default 0.5)
     * @param maxLead  longest lead granted, in segment durations (default 2)
     * @param reserve  part of the estimated buffer kept in reserve, in segment durations (default 0.5)
     * @param maxJump  an index more than this many segments ahead of the last restarts the count
     *                 (default 10)
     */
    record Settings(double minLead, double maxLead, double reserve, int maxJump) {
        Settings {
            if (!(minLead > 0) || maxLead < minLead || reserve < 0 || maxJump < 1) {
                throw new IllegalArgumentException("inconsistent inferred-deadline settings: min " + minLead + ", max " + maxLead
                        + ", reserve " + reserve + ", jump " + maxJump);
            }
        }

        static Settings defaults() {
            return new Settings(0.5, 2.0, 0.5, 10);
        }
    }

    private static final class Session {
        long firstIndex;
        long lastIndex;
        long startNanos;
    }

    private final Settings settings;
    private final Map<ContentId, Session> sessions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ContentId, Session> eldest) {
            return size() > 1024;
        }
    };

    InferredDeadline(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return settings.maxLead() == Settings.defaults().maxLead() ? "inferred" : "inferred:" + settings.maxLead();
    }

    @Override
    public long deadline(ContentId content, OptionalLong segmentIndex, long segmentDurationNanos, long nowNanos) {
        return due(content, segmentIndex, segmentDurationNanos, nowNanos).deadlineNanos();
    }

    /** The player waits when the inferred buffer is empty: its first segment, or after a stall. */
    @Override
    public synchronized Due due(ContentId content, OptionalLong segmentIndex, long segmentDurationNanos, long nowNanos) {
        long minLead = (long) (settings.minLead() * segmentDurationNanos);
        if (segmentIndex.isEmpty()) {
            return new Due(nowNanos + minLead, false);
        }
        long index = segmentIndex.getAsLong();
        Session s = sessions.get(content);
        if (s == null || index < s.firstIndex || index > s.lastIndex + settings.maxJump()) {
            s = new Session();
            s.firstIndex = index;
            s.lastIndex = index;
            s.startNanos = nowNanos;
            sessions.put(content, s);
        }
        s.lastIndex = Math.max(s.lastIndex, index);
        double received = (double) (index - s.firstIndex) * segmentDurationNanos;
        double played = nowNanos - s.startNanos;
        if (played > received) {
            // It cannot have played what it never received: it stalled for the difference, so
            // its clock of playback restarts from there. Without this one stall would make every
            // later request look urgent, which sends them to the servers and causes more stalls.
            s.startNanos += (long) (played - received);
            played = received;
        }
        double buffer = Math.max(0, received - played);
        double lead = buffer - settings.reserve() * segmentDurationNanos;
        lead = Math.clamp(lead, (double) minLead, settings.maxLead() * segmentDurationNanos);
        return new Due(nowNanos + (long) lead, buffer <= 0);
    }
}
