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

    /** Every byte has arrived: {@code sizeBytes} bytes, the object is complete. */
    record Complete(long sizeBytes) implements DownloadAction {
    }

    /** The object cannot be fetched from any source; {@code reason} says why in one line. */
    record Fail(String reason) implements DownloadAction {
    }
}
