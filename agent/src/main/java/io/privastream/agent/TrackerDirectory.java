package io.privastream.agent;

import io.privastream.core.download.Source;
import io.privastream.core.media.ContentId;
import io.privastream.core.media.PeerId;
import io.privastream.core.media.SegmentKey;
import io.privastream.core.time.Ticker;
import io.privastream.core.incentive.Receipt;
import io.privastream.core.incentive.Standing;
import io.privastream.core.incentive.StandingTicket;
import io.privastream.protocol.SwarmNames;
import io.privastream.protocol.tracker.ReceiptWire;
import io.privastream.protocol.tracker.RedeemRequest;
import io.privastream.protocol.tracker.AnnounceRequest;
import io.privastream.protocol.tracker.Holder;
import io.privastream.protocol.tracker.Holding;
import io.privastream.protocol.tracker.JoinRequest;
import io.privastream.protocol.tracker.JoinResponse;
import io.privastream.protocol.tracker.LookupRequest;
import io.privastream.protocol.tracker.LookupResponse;
import io.privastream.protocol.tracker.OpenRequest;
import io.privastream.tracker.TrackerClient;
import io.privastream.tracker.TrackerException;
import io.privastream.tracker.UnknownPeerException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The swarm as a tracker sees it: joins, batched incremental announcements, heartbeats and
 * lookups over the tracker's HTTP API.
 *
 * <p>A background virtual thread sends, every {@code announceInterval}, what changed since the
 * last round (at most {@link #BATCH} entries per request), or a heartbeat when nothing changed
 * for a heartbeat interval. When the tracker has forgotten this agent (it restarted, or we were
 * silent too long) the agent joins again and re-announces everything it holds. Lookups are
 * synchronous with a short timeout; a failed lookup means "no peers", so the object comes from
 * servers. Thread-safe.
 */
final class TrackerDirectory implements SwarmDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(TrackerDirectory.class);
    /** Entries per announce request: keeps bodies far below the tracker's size limit. */
    static final int BATCH = 200;

    private final PeerId self;
    private final OptionalInt uploadKbps;
    private final String endpoint;
    private final PeerLinks links;
    private final TrackerClient lookups;
    private final TrackerClient updates;
    private final Ticker ticker;
    private final Duration interval;
    private final Map<ContentId, Swarm> swarms = new ConcurrentHashMap<>();
    private final Thread worker;
    private volatile boolean closed;

    /** What this agent told (or must tell) one swarm. */
    private static final class Swarm {
        final boolean live;
        /** The keyed names the tracker knows this swarm and its objects by; maps below hold object ids. */
        final SwarmNames names;
        boolean joined;
        long heartbeatNanos = Duration.ofSeconds(5).toNanos();
        long lastContactNanos;
        final Map<String, Long> held = new LinkedHashMap<>();
        final Map<String, Long> pendingHave = new LinkedHashMap<>();
        final Set<String> pendingDrop = new LinkedHashSet<>();
        /** Objects this agent claimed at the tracker and has neither announced nor dropped. */
        final Set<String> claimed = new LinkedHashSet<>();

        Swarm(boolean live, SwarmNames names) {
            this.live = live;
            this.names = names;
        }
    }

    /**
     * @param uploadKbps the uplink declared at join (the agent's upload cap), empty if unlimited
     */
    TrackerDirectory(URI tracker, PeerId self, String endpoint, PeerLinks links, Duration lookupTimeout, Duration interval, Ticker ticker,
            OptionalInt uploadKbps) {
        this.uploadKbps = uploadKbps;
        this.self = self;
        this.endpoint = endpoint;
        this.links = links;
        this.lookups = TrackerClient.of(tracker, lookupTimeout, links.trackerTls(tracker));
        this.updates = TrackerClient.of(tracker, TrackerClient.DEFAULT_TIMEOUT, links.trackerTls(tracker));
        this.ticker = ticker;
        this.interval = interval;
        this.worker = Thread.ofVirtual().name("tracker-announcer").start(this::loop);
    }

    @Override
    public void join(ContentId content, boolean live, SwarmNames names) {
        swarms.computeIfAbsent(content, c -> new Swarm(live, names));
    }

    private Swarm swarm(ContentId content) {
        // Announcing before the player's first request joined: the content-id-derived names.
        return swarms.computeIfAbsent(content, c -> new Swarm(true, SwarmNames.of(c, java.util.Optional.empty())));
    }

    @Override
    public List<Holder> holders(SegmentKey key, int limit) {
        try {
            Swarm s = swarm(key.content());
            String object = s.names.object(key.path());
            // Only a joined agent can claim; before the first join completes, just look.
            boolean claim = s.joined;
            LookupResponse found = lookups.lookup(s.names.swarm(), new LookupRequest(self, object, limit, claim));
            if (found.claimed()) {
                synchronized (s) {
                    s.claimed.add(object);
                }
            }
            openHandles(found.holders());
            List<Holder> out = new ArrayList<>(found.holders().size());
            for (io.privastream.protocol.tracker.Holder h : found.holders()) {
                links.baseUrl(h).ifPresent(base -> out.add(new Holder(Source.peer(h.peer().value(), base), h.sizeBytes(), h.pending())));
            }
            return out;
        } catch (TrackerException e) {
            LOG.debug("lookup of {} failed, using servers only: {}", key, e.getMessage());
            return List.of();
        }
    }

    /** Direct access: asks the tracker's enclave for the addresses of handles of peers not met lately (one call). */
    private void openHandles(List<io.privastream.protocol.tracker.Holder> holders) throws TrackerException {
        List<io.privastream.protocol.tracker.Holder> unknown = holders.stream().filter(links::needsOpening)
                .limit(OpenRequest.MAX_HANDLES).toList();
        if (unknown.isEmpty()) {
            return;
        }
        List<String> addresses = lookups.open(new OpenRequest(unknown.stream().map(io.privastream.protocol.tracker.Holder::endpoint).toList()))
                .addresses();
        for (int i = 0; i < unknown.size() && i < addresses.size(); i++) {
            if (!addresses.get(i).isEmpty()) {
                links.opened(unknown.get(i), addresses.get(i));
            }
        }
    }

    @Override
    public void have(SegmentKey key, long sizeBytes) {
        Swarm s = swarm(key.content());
        String object = s.names.object(key.path());
        synchronized (s) {
            s.held.put(object, sizeBytes);
            s.claimed.remove(object);
            s.pendingDrop.remove(object);
            s.pendingHave.put(object, sizeBytes);
        }
    }

    @Override
    public void dropped(SegmentKey key) {
        Swarm s = swarms.get(key.content());
        if (s == null) {
            return;
        }
        String object = s.names.object(key.path());
        synchronized (s) {
            s.held.remove(object);
            boolean wasClaimed = s.claimed.remove(object);
            if (s.pendingHave.remove(object) == null || wasClaimed) {
                s.pendingDrop.add(object);
            }
        }
    }

    private void loop() {
        while (!closed) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            swarms.forEach(this::sync);
        }
    }

    /** One round for one swarm: join if needed, then announce changes or heartbeat. */
    private void sync(ContentId local, Swarm s) {
        ContentId content = s.names.swarm();
        try {
            if (!s.joined) {
                JoinResponse r = updates.join(content, new JoinRequest(self, endpoint, s.live, links.declaredPin(), uploadKbps));
                synchronized (s) {
                    s.joined = true;
                    s.heartbeatNanos = Duration.ofMillis(r.heartbeatIntervalMs()).toNanos();
                    s.lastContactNanos = ticker.nanos();
                    // A (re)join starts from nothing on the tracker's side: tell it everything.
                    s.pendingHave.putAll(s.held);
                    s.pendingDrop.clear();
                }
            }
            while (true) {
                List<Holding> have = new ArrayList<>();
                List<String> drop = new ArrayList<>();
                synchronized (s) {
                    var it = s.pendingHave.entrySet().iterator();
                    while (it.hasNext() && have.size() < BATCH) {
                        var e = it.next();
                        have.add(new Holding(e.getKey(), e.getValue()));
                        it.remove();
                    }
                    var dit = s.pendingDrop.iterator();
                    while (dit.hasNext() && drop.size() < BATCH) {
                        drop.add(dit.next());
                        dit.remove();
                    }
                }
                if (have.isEmpty() && drop.isEmpty()) {
                    break;
                }
                try {
                    updates.announce(content, new AnnounceRequest(self, have, drop));
                } catch (TrackerException e) {
                    // Put the batch back so it is sent next round (after a rejoin if needed).
                    synchronized (s) {
                        have.forEach(h -> {
                            if (s.held.containsKey(h.segment())) {
                                s.pendingHave.putIfAbsent(h.segment(), h.sizeBytes());
                            }
                        });
                        drop.forEach(d -> {
                            if (!s.held.containsKey(d)) {
                                s.pendingDrop.add(d);
                            }
                        });
                    }
                    throw e;
                }
                s.lastContactNanos = ticker.nanos();
            }
            if (ticker.nanos() - s.lastContactNanos >= s.heartbeatNanos) {
                updates.heartbeat(content, self);
                s.lastContactNanos = ticker.nanos();
            }
        } catch (UnknownPeerException e) {
            LOG.debug("tracker forgot us in {}: joining again", content);
            synchronized (s) {
                s.joined = false;
            }
        } catch (TrackerException e) {
            LOG.debug("tracker update for {} failed (will retry): {}", content, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("tracker update for {} failed unexpectedly", content, e);
        }
    }

    @Override
    public boolean redeem(List<Receipt> receipts) {
        try {
            for (int from = 0; from < receipts.size(); from += RedeemRequest.MAX_RECEIPTS) {
                List<Receipt> part = receipts.subList(from, Math.min(receipts.size(), from + RedeemRequest.MAX_RECEIPTS));
                updates.redeem(new RedeemRequest(part.stream().map(ReceiptWire::of).toList()));
            }
            return true;
        } catch (TrackerException e) {
            LOG.debug("redeeming {} receipts failed (will retry): {}", receipts.size(), e.getMessage());
            return false;
        }
    }

    @Override
    public java.util.Optional<Standing> standing(String pin) {
        try {
            return java.util.Optional.of(updates.standing(pin));
        } catch (TrackerException e) {
            LOG.debug("standing of {} unknown for now: {}", pin, e.getMessage());
            return java.util.Optional.empty();
        }
    }

    @Override
    public java.util.Optional<StandingTicket> ticket() {
        try {
            return java.util.Optional.of(updates.ticket());
        } catch (TrackerException e) {
            LOG.debug("no standing ticket for now: {}", e.getMessage());
            return java.util.Optional.empty();
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        swarms.forEach((local, s) -> {
            ContentId content = s.names.swarm();
            try {
                if (s.joined) {
                    updates.leave(content, self);
                }
            } catch (TrackerException e) {
                LOG.debug("leaving {} failed: {}", content, e.getMessage());
            }
        });
        lookups.close();
        updates.close();
    }
}
