package io.privastream.manifest;

import io.privastream.core.media.Text;
import java.time.DateTimeException;
import java.util.function.Supplier;

/** Turns the model's own validation failures into {@link ManifestException}s at the readers' edge. */
final class Guard {
    private Guard() {
    }

    /**
     * Runs {@code reader}; a value the model refuses (a record's compact constructor) or an
     * arithmetic overflow from absurd numbers becomes a ManifestException, never a partial model.
     */
    static <T> T run(String what, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (ManifestException e) {
            throw e;
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
            throw new ManifestException(what + ": invalid value: " + Text.quote(String.valueOf(e.getMessage())), e);
        }
    }
}
