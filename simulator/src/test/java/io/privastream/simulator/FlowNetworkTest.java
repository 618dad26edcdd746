package io.privastream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FlowNetworkTest {
    private final Map<FlowNetwork.Flow, Integer> changes = new HashMap<>();
    private final FlowNetwork net = new FlowNetwork((f, now) -> changes.merge(f, 1, Integer::sum), (f, from, to, bytes) -> { });

    @Test
    void oneLink_isSharedEqually() {
        FlowNetwork.Link up = net.link("up", 1000);
        FlowNetwork.Link a = net.link("a", 10_000);
        FlowNetwork.Link b = net.link("b", 10_000);
        FlowNetwork.Flow fa = net.open(new FlowNetwork.Link[] {up, a}, 1e6, "a", 0);
        FlowNetwork.Flow fb = net.open(new FlowNetwork.Link[] {up, b}, 1e6, "b", 0);
        net.settle(0);
        assertThat(fa.rate()).isEqualTo(500);
        assertThat(fb.rate()).isEqualTo(500);
        assertThat(up.load()).isEqualTo(1000);
    }

    @Test
    void aFlowLimitedElsewhere_leavesTheRestToOthers() {
        FlowNetwork.Link up = net.link("up", 1000);
        FlowNetwork.Link slow = net.link("slow", 100);
        FlowNetwork.Link fast = net.link("fast", 10_000);
        FlowNetwork.Flow limited = net.open(new FlowNetwork.Link[] {up, slow}, 1e6, "limited", 0);
        FlowNetwork.Flow free = net.open(new FlowNetwork.Link[] {up, fast}, 1e6, "free", 0);
        net.settle(0);
        assertThat(limited.rate()).isEqualTo(100);
        assertThat(free.rate()).isEqualTo(900);
    }

    @Test
    void closingAFlow_givesItsShareBack_andAccountsItsBytes() {
        FlowNetwork.Link up = net.link("up", 1000);
        FlowNetwork.Link down = net.link("down", 10_000);
        FlowNetwork.Flow first = net.open(new FlowNetwork.Link[] {up, down}, 1e6, "1", 0);
        FlowNetwork.Flow second = net.open(new FlowNetwork.Link[] {up, down}, 1e6, "2", 0);
        net.settle(0);
        net.close(first, 2_000_000_000L); // 2 s at 500 B/s
        net.settle(2_000_000_000L);
        assertThat(second.rate()).isEqualTo(1000);
        assertThat(first.deliveredBytes(5_000_000_000L)).isCloseTo(1000, within(1e-6));
        assertThat(up.bytesCarried()).isCloseTo(2000, within(1e-6)); // both flows, 2 s at 500 B/s each
        assertThat(second.finishNanos()).isGreaterThan(2_000_000_000L);
    }

    @Test
    void randomSwarms_neverOverloadALink_andStayCloseToExactMaxMin() {
        SplittableRandom random = new SplittableRandom(42);
        int peers = 40;
        List<FlowNetwork.Link> ups = new ArrayList<>();
        List<FlowNetwork.Link> downs = new ArrayList<>();
        for (int i = 0; i < peers; i++) {
            ups.add(net.link("up" + i, 100 + random.nextInt(1000)));
            downs.add(net.link("down" + i, 500 + random.nextInt(5000)));
        }
        List<FlowNetwork.Flow> open = new ArrayList<>();
        long now = 0;
        for (int step = 0; step < 400; step++) {
            now += 1_000_000;
            if (!open.isEmpty() && random.nextInt(3) == 0) {
                net.close(open.remove(random.nextInt(open.size())), now);
            } else {
                int s = random.nextInt(peers);
                int d = (s + 1 + random.nextInt(peers - 1)) % peers;
                open.add(net.open(new FlowNetwork.Link[] {ups.get(s), downs.get(d)}, 1e9, step, now));
            }
            net.settle(now);
            for (FlowNetwork.Link l : allOf(ups, downs)) {
                double sum = open.stream().filter(f -> List.of(f.path).contains(l)).mapToDouble(FlowNetwork.Flow::rate).sum();
                assertThat(sum).as("load on %s", l).isLessThanOrEqualTo(l.capacity() * (1 + 1e-9));
                assertThat(l.load()).isCloseTo(sum, within(1e-6 * l.capacity()));
            }
        }
        // The incremental answer carries (nearly) what the exact one does.
        double incremental = open.stream().mapToDouble(FlowNetwork.Flow::rate).sum();
        double exact = exactMaxMin(open, allOf(ups, downs)).values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(incremental).isGreaterThan(0.9 * exact).isLessThanOrEqualTo(exact * (1 + 1e-9));
    }

    private static List<FlowNetwork.Link> allOf(List<FlowNetwork.Link> a, List<FlowNetwork.Link> b) {
        List<FlowNetwork.Link> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Textbook progressive filling over every flow at once. */
    private static Map<FlowNetwork.Flow, Double> exactMaxMin(List<FlowNetwork.Flow> flows, List<FlowNetwork.Link> links) {
        Map<FlowNetwork.Flow, Double> rate = new HashMap<>();
        Map<FlowNetwork.Link, Double> left = new HashMap<>();
        links.forEach(l -> left.put(l, l.capacity()));
        List<FlowNetwork.Flow> unfrozen = new ArrayList<>(flows);
        while (!unfrozen.isEmpty()) {
            FlowNetwork.Link bottleneck = null;
            double share = Double.MAX_VALUE;
            for (FlowNetwork.Link l : links) {
                long n = unfrozen.stream().filter(f -> List.of(f.path).contains(l)).count();
                if (n > 0 && left.get(l) / n < share) {
                    share = left.get(l) / n;
                    bottleneck = l;
                }
            }
            FlowNetwork.Link b = bottleneck;
            for (FlowNetwork.Flow f : List.copyOf(unfrozen)) {
                if (List.of(f.path).contains(b)) {
                    rate.put(f, share);
                    unfrozen.remove(f);
                    for (FlowNetwork.Link l : f.path) {
                        left.merge(l, -share, Double::sum);
                    }
                }
            }
        }
        return rate;
    }
}
