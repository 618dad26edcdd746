package io.privastream.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Log levels for commands whose own output is the point (demo, bench, experiments). */
final class Logging {
    private Logging() {
    }

    /** Only warnings from the components, unless {@code -Dprivastream.log=LEVEL} asks otherwise. */
    static void quiet() {
        if (System.getProperty("privastream.log") == null) {
            ((Logger) LoggerFactory.getLogger("io.privastream")).setLevel(Level.WARN);
            // Jetty warns of every answer cut on purpose (a relay whose source stalled): expected here.
            ((Logger) LoggerFactory.getLogger("org.eclipse.jetty")).setLevel(Level.ERROR);
        }
    }
}
