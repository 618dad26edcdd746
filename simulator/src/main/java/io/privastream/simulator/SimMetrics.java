package io.privastream.simulator;

import io.privastream.core.playback.PlaybackState;
import io.privastream.core.playback.QoeReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counts what a {@link Simulation} carries and plays, by output interval, and turns it into a
 * {@link SimResult}.
 *
 * <p>The fluid bound (Kumar, Liu, Ross 2007): in each interval, peers can send at most their
 * total uplink, so servers must send at least what viewers received minus that; and every
 * distinct object must leave a server once. {@code fluidMinServerBytes} is the larger of the sum
 * over intervals and the distinct bytes. Upload capacity is sampled at interval ends (viewers
 * present then, for the whole interval), which is exact without churn.
 */
final class SimMetrics {
    private final Simulation sim;
    private final long intervalNanos;
    private final int intervals;
    private final double[] serverBytes;
    private final double[] peerBytes;
    private final double[] uploadCapacityBytes;
    private final int[] present;
    private final int[] playing;
    private final double[] bitrate;
    /** Useful bytes of the downloads that ended in each interval, from peers and from servers. */
    private final long[] usefulPeerBytes;
    private final long[] usefulServerBytes;
    private final double[][] gatewayIn;
    private final double[][] gatewayOut;
    private final boolean[][] seen;
    private long distinctBytes;
    private long peakHeap;
    private long fetches;
    private long lateFetches;
    private long failedFetches;
    private long serverBusyAnswers;

    SimMetrics(Simulation sim) {
        this.sim = sim;
        SimScenario s = sim.scenario();
        this.intervalNanos = s.interval().toNanos();
        this.intervals = (int) Math.ceilDiv(s.session().toNanos(), intervalNanos);
        this.serverBytes = new double[intervals];
        this.peerBytes = new double[intervals];
        this.uploadCapacityBytes = new double[intervals];
        this.present = new int[intervals];
        this.playing = new int[intervals];
        this.bitrate = new double[intervals];
        this.usefulPeerBytes = new long[intervals];
        this.usefulServerBytes = new long[intervals];
        int tracks = sim.trackCount();
        this.gatewayIn = new double[s.offices().size()][tracks];
        this.gatewayOut = new double[s.offices().size()][tracks];
        this.seen = new boolean[tracks][(int) s.segmentCount()];
    }

    void start() {
        for (int i = 0; i < intervals; i++) {
            int at = i;
            sim.at(Math.min(sim.scenario().session().toNanos(), (i + 1) * intervalNanos) - 1, () -> sample(at));
        }
    }

    private void sample(int i) {
        double capacity = 0;
        double rates = 0;
        for (SimViewer v : sim.viewers()) {
            if (!v.present()) {
                continue;
            }
            present[i]++;
            if (v.uploads) {
                capacity += v.uploadBytesPerSecond;
            }
            v.model().advance(Math.max(sim.now(), v.model().nowNanos()));
            if (v.model().state() == PlaybackState.PLAYING) {
                playing[i]++;
                rates += v.model().playingBitrateBitsPerSecond();
            }
        }
        uploadCapacityBytes[i] = capacity * Math.min(intervalNanos, sim.scenario().session().toNanos() - (long) i * intervalNanos) / 1e9;
        bitrate[i] = playing[i] == 0 ? 0 : rates / playing[i] / 1000;
        if (i + 1 == steadyStart() && steadyStart() > 0) {
            // The steady state begins with the next interval: per-viewer steady bitrates count from here.
            for (SimViewer v : sim.viewers()) {
                if (v.joined()) {
                    v.markSteady();
                }
            }
        }
        peakHeap = Math.max(peakHeap, Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
    }

    /** Bytes a flow carried over [from, to): split over the intervals it spans. */
    void carried(FlowNetwork.Flow flow, long from, long to, double bytes) {
        SimFetch.Transfer t = (SimFetch.Transfer) flow.owner();
        double[] into = t.source.isPeer() ? peerBytes : serverBytes;
        long span = Math.max(1, to - from);
        long at = from;
        while (at < to) {
            int i = Math.min(intervals - 1, (int) (at / intervalNanos));
            long edge = Math.min(to, (i + 1) * intervalNanos);
            if (edge <= at) {
                edge = to;
            }
            into[i] += bytes * (edge - at) / span;
            at = edge;
        }
        if (gatewayIn.length > 0) {
            int dst = t.fetch().owner.node.office();
            int src = t.server != null ? t.server.node.office() : -1;
            if (src != dst) {
                if (dst >= 0) {
                    gatewayIn[dst][t.fetch().rendition] += bytes;
                }
                if (src >= 0) {
                    gatewayOut[src][t.fetch().rendition] += bytes;
                }
            }
        }
    }

    /** A server answered a request busy. */
    void serverBusy() {
        serverBusyAnswers++;
    }

    void downloaded(SimViewer v, SimFetch f, SimFetch.Outcome o) {
        fetches++;
        if (!o.ok()) {
            failedFetches++;
            return;
        }
        if (o.lateNanos() > 0) {
            lateFetches++;
        }
        int i = Math.clamp(sim.now() / intervalNanos, 0, intervals - 1);
        usefulPeerBytes[i] += o.peerBytes();
        usefulServerBytes[i] += o.serverBytes();
        long n = io.privastream.core.media.SegmentNumbers.of(f.key.path()).orElseThrow();
        if (!seen[f.rendition][(int) n]) {
            seen[f.rendition][(int) n] = true;
            distinctBytes += o.sizeBytes();
        }
    }

    void finish() {
        peakHeap = Math.max(peakHeap, Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
    }

    SimResult result(double wallSeconds, long events) {
        SimScenario s = sim.scenario();
        List<SimResult.Interval> rows = new ArrayList<>();
        double fluidMin = 0;
        for (int i = 0; i < intervals; i++) {
            double seconds = Math.min(intervalNanos, s.session().toNanos() - (long) i * intervalNanos) / 1e9;
            double min = Math.max(0, serverBytes[i] + peerBytes[i] - uploadCapacityBytes[i]);
            fluidMin += min;
            rows.add(new SimResult.Interval(Math.min(s.session().toNanos(), (i + 1) * intervalNanos) / 1e9, present[i], playing[i], bitrate[i],
                    serverBytes[i] * 8 / 1e6 / seconds, peerBytes[i] * 8 / 1e6 / seconds, uploadCapacityBytes[i] * 8 / 1e6 / seconds,
                    min * 8 / 1e6 / seconds));
        }
        List<SimResult.ViewerRow> viewers = new ArrayList<>();
        double[] rates = new double[sim.viewers().size()];
        double[] startups = new double[sim.viewers().size()];
        int started = 0;
        long stalledMs = 0;
        long playedMs = 0;
        long stalls = 0;
        long sessionMs = 0;
        double switches = 0;
        double latency = 0;
        long skipped = 0;
        for (SimViewer v : sim.viewers()) {
            if (!v.joined()) {
                continue;
            }
            QoeReport q = v.report();
            viewers.add(new SimResult.ViewerRow(v.id, v.joinNanos / 1e9, v.uploads, v.uploadBytesPerSecond * 8 / 1e6, q.started(),
                    q.startupDelayMillis(), q.averageBitrateKbps(), q.rebufferRatio(), q.rebufferCount(), q.switchesPerMinute(),
                    q.liveLatencyMillis(), q.peerBytes(), q.serverBytes(), v.uploadedBytes, v.steadyBitrateKbps()));
            skipped += v.skipped;
            sessionMs += q.sessionMillis();
            stalls += q.rebufferCount();
            if (q.started()) {
                rates[started] = q.averageBitrateKbps();
                startups[started] = q.startupDelayMillis();
                started++;
                stalledMs += q.rebufferMillis();
                playedMs += q.playedMillis();
                switches += q.switchesPerMinute();
                latency += q.liveLatencyMillis();
            }
        }
        double[] r = Arrays.copyOf(rates, started);
        double[] st = Arrays.copyOf(startups, started);
        Arrays.sort(r);
        Arrays.sort(st);
        long totalServer = Math.round(Arrays.stream(serverBytes).sum());
        long totalPeer = Math.round(Arrays.stream(peerBytes).sum());
        double upload = 0;
        for (SimViewer v : sim.viewers()) {
            upload += v.uploads ? v.uploadBytesPerSecond * 8 : 0;
        }
        double serverUpload = s.servers().stream().mapToDouble(x -> x.uploadMbps() * 1e6).sum();
        double rateBound = Math.min(s.topBitsPerSecond(), Math.min(serverUpload, (serverUpload + upload) / sim.viewers().size())) / 1000;
        SimResult.Summary summary = new SimResult.Summary(s.name(), s.seed(), viewers.size(),
                share(usefulPeerBytes, usefulServerBytes, 0), totalServer, totalPeer,
                Math.round(Math.max(fluidMin, distinctBytes)), rateBound, started == 0 ? 0 : Arrays.stream(r).average().orElse(0),
                percentile(r, 0.05), percentile(r, 0.5), percentile(r, 0.95),
                stalledMs + playedMs == 0 ? 0 : (double) stalledMs / (stalledMs + playedMs), sessionMs == 0 ? 0 : stalls * 60_000.0 / sessionMs,
                started == 0 ? 0 : switches / started, (long) percentile(st, 0.5), (long) percentile(st, 0.95),
                started == 0 ? 0 : latency / started, viewers.size() - started, skipped, fetches, lateFetches, failedFetches, serverBusyAnswers, wallSeconds, events,
                wallSeconds > 0 ? events / wallSeconds : 0, peakHeap >> 20, steadyBitrate(), share(usefulPeerBytes, usefulServerBytes, steadyStart()),
                share(peerBytes, serverBytes));
        List<SimResult.Gateway> gateways = new ArrayList<>();
        for (int o = 0; o < gatewayIn.length; o++) {
            int inOffice = 0;
            for (SimViewer v : sim.viewers()) {
                if (v.node.office() == o) {
                    inOffice++;
                }
            }
            List<Double> in = new ArrayList<>();
            List<Double> out = new ArrayList<>();
            double inTotal = 0;
            double outTotal = 0;
            for (int k = 0; k < sim.trackCount(); k++) {
                // Streams per video rendition; the audio track's bytes count in the totals only.
                if (k < s.ladderBitsPerSecond().size()) {
                    double stream = s.ladderBitsPerSecond().get(k) / 8.0 * s.session().toNanos() / 1e9;
                    in.add(gatewayIn[o][k] / stream);
                    out.add(gatewayOut[o][k] / stream);
                }
                inTotal += gatewayIn[o][k];
                outTotal += gatewayOut[o][k];
            }
            double seconds = s.session().toNanos() / 1e9;
            gateways.add(new SimResult.Gateway(s.offices().get(o).name(), inOffice, in, out, inTotal * 8 / 1e6 / seconds, outTotal * 8 / 1e6 / seconds));
        }
        return new SimResult(summary, rows, viewers, gateways);
    }

    /** First interval of the steady state. */
    private int steadyStart() {
        return (int) Math.min(intervals - 1, sim.scenario().steadyFrom().toNanos() / intervalNanos);
    }

    private double steadyBitrate() {
        double sum = 0;
        long weight = 0;
        for (int i = steadyStart(); i < intervals; i++) {
            sum += bitrate[i] * playing[i];
            weight += playing[i];
        }
        return weight == 0 ? 0 : sum / weight;
    }

    /** Over the steady intervals: the peers' share of {@code peer} + {@code server}. */
    private double share(double[] peer, double[] server) {
        double peers = 0;
        double all = 0;
        for (int i = steadyStart(); i < intervals; i++) {
            peers += peer[i];
            all += peer[i] + server[i];
        }
        return all == 0 ? 0 : peers / all;
    }

    /** From interval {@code from} on: the peers' share of the useful bytes. */
    private double share(long[] peer, long[] server, int from) {
        long peers = 0;
        long all = 0;
        for (int i = from; i < intervals; i++) {
            peers += peer[i];
            all += peer[i] + server[i];
        }
        return all == 0 ? 0 : (double) peers / all;
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * (sorted.length - 1) + 0.5))];
    }

}
