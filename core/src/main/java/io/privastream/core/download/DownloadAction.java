package io.privastream.core.download;

import io.privastream.core.media.ByteRange;

/**
 * What a {@link SegmentDownload} asks the I/O layer to do next.
 *
 * <p>The I/O layer carries actions out in order and reports what happens through the
 * download's event methods.
 */
public sealed interface DownloadAction {

    /**
     * Open a transfer of {@code range} from {@code source}.
     *
     * @param transferId unique within the download; events about this transfer carry it
     * @param source     where to fetch from
     * @param range      the bytes to ask for; when {@link #toEnd()} the end is unknown and the I/O
     *                   layer asks for {@code bytes=start-} (or the whole object when start is 0)
     */
    record Start(int transferId, Source source, ByteRange range) implements DownloadAction {
        /** True when the object's size was unknown and the transfer runs to its end. */
        public boolean toEnd() {
            return range.end() == Long.MAX_VALUE;
        }
    }

    /** Stop transfer {@code transferId}; bytes it still delivers are ignored. */
    record Cancel(int transferId) implements DownloadAction {
    }

    /**
     * Check chunk {@code chunk} ({@code range} of the object, all of whose bytes have arrived)
     * against the request's digest, and report the outcome with
     * {@link SegmentDownload#onVerified}. Only downloads with a digest ask for it.
     */
    record Verify(int chunk, ByteRange range) implements DownloadAction {
    }

    /**
     * {@code source} sent bytes that failed verification: the I/O layer bans it (a peer) or logs
     * it (a server). Its transfers are already cancelled by accompanying {@link Cancel}s.
     */
    record Reject(Source source, String reason) implements DownloadAction {
    }

    /**
     * The peers the download started with are used up while servers are busy: look the object up
     * again (without claiming it: this agent already did) and report what is found with
     * {@link SegmentDownload#onPeers}, even when nothing is. By then the swarm has usually
     * completed the object somewhere.
     */
    record FindPeers() implements DownloadAction {
    }

    /** Every byte has arrived: {@code sizeBytes} bytes, the object is complete. */
    record Complete(long sizeBytes) implements DownloadAction {
    }

    /** The object cannot be fetched from any source; {@code reason} says why in one line. */
    record Fail(String reason) implements DownloadAction {
    }
}
