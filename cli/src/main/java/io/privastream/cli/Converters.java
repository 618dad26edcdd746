package io.privastream.cli;

import io.privastream.core.rate.Bandwidth;
import io.privastream.core.time.Durations;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine;

/** Teaches picocli the project's value forms: {@code 10Mbit}, {@code 2s}, URLs. */
final class Converters {
    private Converters() {
    }

    static void register(CommandLine cl) {
        cl.registerConverter(Bandwidth.class, Bandwidth::parse);
        cl.registerConverter(Duration.class, Durations::parse);
        cl.registerConverter(URI.class, Converters::url);
    }

    private static URI url(String text) {
        URI u = URI.create(text);
        if (!u.isAbsolute()) {
            throw new IllegalArgumentException("not an absolute URL: '" + text + "' (e.g. http://127.0.0.1:8080/)");
        }
        return u;
    }
}
