package io.privastream.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A flow-level network: transfers ({@link Flow}s) cross capacity-limited {@link Link}s (an
 * uplink, a downlink, an office gateway) and share them max-min fairly. No packets.
 *
 * <p>Rates are recomputed incrementally: when flows start or end, only the links they cross are
 * <em>dirty</em>; the flows on dirty links are re-filled (progressive filling, exact for those
 * flows given the rates of every other flow), and links where some flow slowed down — whose
 * capacity that frees — are re-filled once more in the same pass. Freed capacity two hops away
 * waits for the next change at those links. In a streaming swarm every flow ends within a
 * segment duration, so those waits are short; {@code FlowNetworkTest} compares the result with
 * the exact global solution. A link's flows never exceed its capacity.
 *
 * <p>Rates are in bytes per second, times in nanoseconds. Not thread-safe: one simulation
 * thread.
 */
public final class FlowNetwork {
    /** Capacity of a link that never limits (a server's downlink, say). */
    public static final double UNLIMITED = 1e15;
    /** A link this full counts as a bottleneck (rounding keeps loads a hair under capacity). */
    private static final double SATURATED = 1 - 1e-9;

    /** Told of every flow whose rate changed, after a {@link #settle(long)}. */
    @FunctionalInterface
    public interface RateListener {
        void rateChanged(Flow flow, long nowNanos);
    }

    /** Told of bytes a flow carried over a span of time (for accounting by interval). */
    @FunctionalInterface
    public interface Carriage {
        void carried(Flow flow, long fromNanos, long toNanos, double bytes);
    }

    /** A shared capacity. */
    public static final class Link {
        final String name;
        final double capacity;
        final ArrayList<Flow> flows = new ArrayList<>(4);
        double load;
        // Scratch state of one settle pass.
        int stamp;
        double avail;
        int unfrozen;
        boolean dirty;
        double bytesCarried;
        /** Rates of flows opened since the last settle could sum to this much here (an upper bound). */
        double newDemand;
        /** Some flow here may be held back by this link: its flows must be re-filled, not only new ones. */
        boolean tight;

        Link(String name, double capacityBytesPerSecond) {
            this.name = name;
            this.capacity = capacityBytesPerSecond;
        }

        /** Bytes per second. */
        public double capacity() {
            return capacity;
        }

        /** Sum of the rates of its flows, bytes per second. */
        public double load() {
            return load;
        }

        /** Flows crossing it now. */
        public int flowCount() {
            return flows.size();
        }

        /** Bytes every flow carried over it so far (as of each flow's last accrual). */
        public double bytesCarried() {
            return bytesCarried;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** One transfer of {@code sizeBytes} over a path of links. */
    public static final class Flow {
        final Link[] path;
        final int[] slot;
        final double sizeBytes;
        final Object owner;
        double rate;
        double doneBytes;
        long accruedAtNanos;
        boolean open = true;
        int stamp;
        boolean frozen;
        double oldRate;
        // Its place in the simulation's FinishQueue.
        long scheduledNanos = Long.MAX_VALUE;
        long scheduledSeq;
        int heapIndex = -1;
        boolean fresh = true;

        Flow(Link[] path, double sizeBytes, Object owner, long nowNanos) {
            this.path = path;
            this.slot = new int[path.length];
            this.sizeBytes = sizeBytes;
            this.owner = owner;
            this.accruedAtNanos = nowNanos;
        }

        /** Whatever the caller attached at {@link #open}. */
        public Object owner() {
            return owner;
        }

        /** Bytes per second now. */
        public double rate() {
            return rate;
        }

        /** True until closed. */
        public boolean isOpen() {
            return open;
        }

        /** Bytes delivered by {@code nowNanos} at the current rate, at most the flow's size. */
        public double deliveredBytes(long nowNanos) {
            return Math.min(sizeBytes, doneBytes + rate * Math.max(0, nowNanos - accruedAtNanos) / 1e9);
        }

        /** The time all bytes will have arrived at the current rate; {@link Long#MAX_VALUE} when stalled. */
        public long finishNanos() {
            double left = sizeBytes - doneBytes;
            if (left <= 0) {
                return accruedAtNanos;
            }
            if (rate <= 0) {
                return Long.MAX_VALUE;
            }
            double nanos = left / rate * 1e9;
            return nanos >= Long.MAX_VALUE - accruedAtNanos ? Long.MAX_VALUE : accruedAtNanos + (long) Math.ceil(nanos);
        }

        public double sizeBytes() {
            return sizeBytes;
        }
    }

    private final RateListener listener;
    private final Carriage carriage;
    private final ArrayList<Link> dirty = new ArrayList<>();
    private final ArrayList<Flow> changed = new ArrayList<>();
    private final ArrayList<Flow> opened = new ArrayList<>();
    private final LinkHeap heap = new LinkHeap();
    // Scratch lists of one fill, kept between settles: a busy server's link puts thousands of
    // flows in them at every settle, and growing fresh lists each time showed in profiles.
    private final ArrayList<Flow> group = new ArrayList<>();
    private final ArrayList<Link> groupLinks = new ArrayList<>();
    private final ArrayList<Link> slack = new ArrayList<>();
    private final ArrayList<Link> slackAfterSlack = new ArrayList<>();
    private int stamp;
    private int flows;

    /** A network telling {@code listener} of rate changes and {@code carriage} of carried bytes. */
    public FlowNetwork(RateListener listener, Carriage carriage) {
        this.listener = listener;
        this.carriage = carriage;
    }

    /**
     * A new link of {@code capacityBytesPerSecond}.
     *
     * @throws IllegalArgumentException unless the capacity is positive
     */
    public Link link(String name, double capacityBytesPerSecond) {
        if (!(capacityBytesPerSecond > 0)) {
            throw new IllegalArgumentException("link " + name + " needs a positive capacity, got " + capacityBytesPerSecond + " B/s");
        }
        return new Link(name, capacityBytesPerSecond);
    }

    /** Starts a flow of {@code sizeBytes} over {@code path}; its rate is set by the next {@link #settle}. */
    public Flow open(Link[] path, double sizeBytes, Object owner, long nowNanos) {
        Flow f = new Flow(path, Math.max(0, sizeBytes), owner, nowNanos);
        double potential = Double.MAX_VALUE;
        for (Link l : path) {
            potential = Math.min(potential, l.capacity);
        }
        for (int i = 0; i < path.length; i++) {
            Link l = path[i];
            f.slot[i] = l.flows.size();
            l.flows.add(f);
            l.newDemand += potential;
            markDirty(l);
        }
        opened.add(f);
        flows++;
        return f;
    }

    /** Ends {@code f} (done or cancelled), accounting what it carried up to now; idempotent. */
    public void close(Flow f, long nowNanos) {
        if (!f.open) {
            return;
        }
        accrue(f, nowNanos);
        f.open = false;
        for (int i = 0; i < f.path.length; i++) {
            Link l = f.path[i];
            // Swap-remove: the last flow takes this one's slot on the link.
            int at = f.slot[i];
            Flow last = l.flows.removeLast();
            if (last != f) {
                l.flows.set(at, last);
                last.slot[indexOf(last, l)] = at;
            }
            if (l.load >= l.capacity * SATURATED) {
                l.tight = true; // its flows may have been held back here: they may grow now
            }
            l.load -= f.rate;
            if (l.flows.isEmpty()) {
                l.load = 0; // no drift from rounding
            }
            markDirty(l);
        }
        f.rate = 0;
        flows--;
    }

    /** Flows open now. */
    public int openFlows() {
        return flows;
    }

    /** True when some change waits for {@link #settle}. */
    public boolean unsettled() {
        return !dirty.isEmpty();
    }

    /**
     * Recomputes the rates of flows on dirty links (and, once, of flows on links where a flow
     * slowed down), then tells the listener of each flow whose rate changed.
     */
    public void settle(long nowNanos) {
        if (dirty.isEmpty()) {
            return;
        }
        changed.clear();
        for (Link l : dirty) {
            // A link that cannot fill up even if every new flow got all it could elsewhere holds
            // nobody back: its old flows keep their rates (what spares re-filling a busy server's
            // hundreds of flows for each new one).
            l.tight |= l.load + l.newDemand >= l.capacity * SATURATED;
        }
        fill(nowNanos, dirty, slack); // (fill reads the seeds and leaves them as they are)
        for (Link l : dirty) {
            l.dirty = false;
            l.tight = false;
            l.newDemand = 0;
        }
        dirty.clear();
        for (Flow f : opened) {
            f.fresh = false;
        }
        opened.clear();
        if (!slack.isEmpty()) {
            fill(nowNanos, slack, slackAfterSlack); // (what this frees waits for the next change)
        }
        for (Flow f : changed) {
            if (f.open && f.rate != f.oldRate) {
                listener.rateChanged(f, nowNanos);
            }
        }
    }

    /** Books the bytes {@code f} carried since its last accrual. */
    public void accrue(Flow f, long nowNanos) {
        if (nowNanos <= f.accruedAtNanos) {
            return;
        }
        double bytes = Math.min(f.sizeBytes - f.doneBytes, f.rate * (nowNanos - f.accruedAtNanos) / 1e9);
        if (bytes > 0) {
            f.doneBytes += bytes;
            for (Link l : f.path) {
                l.bytesCarried += bytes;
            }
            carriage.carried(f, f.accruedAtNanos, nowNanos, bytes);
        }
        f.accruedAtNanos = nowNanos;
    }

    private void markDirty(Link l) {
        if (!l.dirty) {
            l.dirty = true;
            dirty.add(l);
        }
    }

    private static int indexOf(Flow f, Link l) {
        for (int i = 0; i < f.path.length; i++) {
            if (f.path[i] == l) {
                return i;
            }
        }
        throw new IllegalStateException("flow not on link " + l);
    }

    /**
     * Progressive filling of the flows on {@code seeds}; puts in {@code slack} the links (not
     * among the seeds) where some flow got slower, whose freed capacity others may use.
     */
    private void fill(long now, List<Link> seeds, ArrayList<Link> slack) {
        slack.clear();
        int pass = ++stamp;
        group.clear();
        for (Link l : seeds) {
            l.stamp = pass;
        }
        for (Link l : seeds) {
            boolean all = l.tight || !l.dirty;
            for (Flow f : l.flows) {
                if (f.stamp != pass && (all || f.fresh)) {
                    f.stamp = pass;
                    group.add(f);
                }
            }
        }
        if (group.isEmpty()) {
            return;
        }
        // Capacity left on each link once the flows outside the group keep their rates.
        ArrayList<Link> links = groupLinks;
        links.clear();
        int linkPass = ++stamp;
        for (Flow f : group) {
            accrue(f, now);
            for (Link l : f.path) {
                if (l.stamp != linkPass) {
                    l.stamp = linkPass;
                    l.avail = l.capacity - l.load;
                    l.unfrozen = 0;
                    links.add(l);
                }
                l.avail += f.rate;
                l.unfrozen++;
            }
        }
        for (Flow f : group) {
            f.oldRate = f.rate;
            f.frozen = false;
        }
        heap.clear();
        for (Link l : links) {
            heap.push(l, share(l));
        }
        while (!heap.isEmpty()) {
            Link l = heap.peekLink();
            double key = heap.peekKey();
            heap.pop();
            if (l.unfrozen == 0 || key != share(l)) {
                continue; // stale entry: the link changed since it was pushed
            }
            double rate = Math.max(0, share(l));
            for (Flow f : l.flows) {
                if (f.stamp != pass || f.frozen) {
                    continue;
                }
                f.frozen = true;
                f.rate = rate;
                for (Link m : f.path) {
                    m.avail -= rate;
                    m.unfrozen--;
                    if (m != l && m.unfrozen > 0) {
                        heap.push(m, share(m));
                    }
                }
            }
        }
        int slackPass = ++stamp;
        for (Flow f : group) {
            double delta = f.rate - f.oldRate;
            if (delta != 0) {
                for (Link m : f.path) {
                    // Freed capacity matters only where someone was held back: a full link.
                    boolean wasFull = m.load >= m.capacity * SATURATED;
                    m.load += delta;
                    if (delta < 0 && wasFull && !m.dirty && m.stamp != slackPass) {
                        m.stamp = slackPass;
                        slack.add(m);
                    }
                }
                changed.add(f);
            }
        }
    }

    private static double share(Link l) {
        return l.unfrozen == 0 ? Double.MAX_VALUE : l.avail / l.unfrozen;
    }

    /** A binary min-heap of links by share, with duplicates (stale entries are skipped on pop). */
    private static final class LinkHeap {
        private double[] keys = new double[64];
        private Link[] links = new Link[64];
        private int size;

        void clear() {
            Arrays.fill(links, 0, size, null);
            size = 0;
        }

        boolean isEmpty() {
            return size == 0;
        }

        Link peekLink() {
            return links[0];
        }

        double peekKey() {
            return keys[0];
        }

        void push(Link l, double key) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                links = Arrays.copyOf(links, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (keys[parent] <= key) {
                    break;
                }
                keys[i] = keys[parent];
                links[i] = links[parent];
                i = parent;
            }
            keys[i] = key;
            links[i] = l;
        }

        void pop() {
            size--;
            double key = keys[size];
            Link link = links[size];
            links[size] = null;
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && keys[child + 1] < keys[child]) {
                    child++;
                }
                if (keys[child] >= key) {
                    break;
                }
                keys[i] = keys[child];
                links[i] = links[child];
                i = child;
            }
            if (size > 0) {
                keys[i] = key;
                links[i] = link;
            }
        }
    }
}
