package io.privastream.testkit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds plaintext in recorded traffic: any run of at least {@link #RUN} bytes of a known object
 * anywhere in a capture.
 *
 * <p>How: every run of {@code RUN} bytes of an object contains one of the object's blocks of
 * {@code RUN/2} bytes that start at a multiple of {@code RUN/2}. The blocks are indexed by a
 * polynomial hash; a rolling hash over every position of the capture finds candidate blocks,
 * and a candidate counts only if the match, extended both ways, spans {@code RUN} bytes.
 */
public final class Cleartext {
    /** Shortest run that counts as a leak (the 64 bytes). */
    public static final int RUN = 64;
    private static final int BLOCK = RUN / 2;
    private static final long BASE = 1_000_003L;

    /** Where a leak was found: which object, at which offset, in which capture, at which position. */
    public record Leak(int object, int objectOffset, int capture, int capturePosition, int length) {
    }

    private record Block(int object, int offset) {
    }

    private final List<byte[]> objects;
    private final Map<Long, List<Block>> blocks = new HashMap<>();
    private final long basePow;

    /** Indexes {@code objects} (e.g. every media segment a run transferred). */
    public Cleartext(List<byte[]> objects) {
        this.objects = objects;
        long p = 1;
        for (int i = 0; i < BLOCK - 1; i++) {
            p *= BASE;
        }
        this.basePow = p;
        for (int o = 0; o < objects.size(); o++) {
            byte[] obj = objects.get(o);
            for (int off = 0; off + BLOCK <= obj.length; off += BLOCK) {
                blocks.computeIfAbsent(hash(obj, off), k -> new java.util.ArrayList<>(1)).add(new Block(o, off));
            }
        }
    }

    /** The first leak of any object in any of {@code captures}, if there is one. */
    public Optional<Leak> find(List<byte[]> captures) {
        for (int c = 0; c < captures.size(); c++) {
            byte[] cap = captures.get(c);
            if (cap.length < BLOCK) {
                continue;
            }
            long h = hash(cap, 0);
            for (int pos = 0; ; pos++) {
                List<Block> hits = blocks.get(h);
                if (hits != null) {
                    for (Block b : hits) {
                        int len = matchLength(objects.get(b.object()), b.offset(), cap, pos);
                        if (len >= RUN) {
                            return Optional.of(new Leak(b.object(), b.offset(), c, pos, len));
                        }
                    }
                }
                if (pos + BLOCK >= cap.length) {
                    break;
                }
                h = (h - (cap[pos] & 0xff) * basePow) * BASE + (cap[pos + BLOCK] & 0xff);
            }
        }
        return Optional.empty();
    }

    /** True if {@code needle} occurs anywhere in {@code captures}. */
    public static boolean contains(List<byte[]> captures, byte[] needle) {
        for (byte[] cap : captures) {
            outer:
            for (int i = 0; i + needle.length <= cap.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (cap[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
        }
        return false;
    }

    /** Length of the common run around object[off..] = cap[pos..], extended both ways. */
    private static int matchLength(byte[] obj, int off, byte[] cap, int pos) {
        int fwd = 0;
        while (off + fwd < obj.length && pos + fwd < cap.length && obj[off + fwd] == cap[pos + fwd]) {
            fwd++;
        }
        if (fwd < BLOCK) {
            return 0;
        }
        int back = 0;
        while (off - back - 1 >= 0 && pos - back - 1 >= 0 && obj[off - back - 1] == cap[pos - back - 1]) {
            back++;
        }
        return back + fwd;
    }

    private static long hash(byte[] a, int from) {
        long h = 0;
        for (int i = from; i < from + BLOCK; i++) {
            h = h * BASE + (a[i] & 0xff);
        }
        return h;
    }
}
