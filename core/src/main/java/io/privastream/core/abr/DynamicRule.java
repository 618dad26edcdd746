package io.privastream.core.abr;

import java.time.Duration;

/**
 * dash.js's default "dynamic" ABR: the throughput rule while the buffer is short, BOLA once it
 * is long enough for buffer occupancy to be a better signal. Switches to BOLA when the buffer
 * reaches {@code switchOn}, back to throughput when it falls below half of that (dash.js
 * {@code AbrController}: the same hysteresis around {@code stableBufferTime}).
 *
 * <p>Stateful (which rule is in use); one instance per session.
 */
final class DynamicRule implements AbrRule {
    private final Duration switchOn;
    private final Duration switchOff;
    private final ThroughputRule throughput = new ThroughputRule();
    private final BolaRule bola;
    private boolean usingBola;

    DynamicRule(Duration switchOn) {
        if (switchOn == null || !switchOn.isPositive()) {
            throw new IllegalArgumentException("dynamic ABR switch-on buffer must be positive, got " + switchOn);
        }
        this.switchOn = switchOn;
        this.switchOff = switchOn.dividedBy(2);
        this.bola = new BolaRule(switchOn);
    }

    @Override
    public int choose(AbrInput in) {
        usingBola = usingBola ? in.buffer().compareTo(switchOff) >= 0 : in.buffer().compareTo(switchOn) >= 0;
        return usingBola ? bola.choose(in) : throughput.choose(in);
    }

    /** True while BOLA is in charge; for tests. */
    boolean usingBola() {
        return usingBola;
    }
}
