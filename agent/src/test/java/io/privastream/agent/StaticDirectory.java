package io.privastream.agent;

import io.privastream.core.download.Source;
import io.privastream.core.media.ContentId;
import io.privastream.core.media.SegmentKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory swarm shared by the agents of one test: announcements are visible at once. */
final class StaticDirectory {
    private final Map<SegmentKey, List<SwarmDirectory.Holder>> holders = new ConcurrentHashMap<>();
    final List<SegmentKey> drops = new CopyOnWriteArrayList<>();
    /** Whether lookups of unheld objects claim them, as the tracker does. */
    volatile boolean claims;

    /** Lists {@code endpoint} as holding {@code key} (e.g. a misbehaving peer). */
    void add(SegmentKey key, String peerId, String endpoint, long size) {
        holders.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(new SwarmDirectory.Holder(Source.peer(peerId, endpoint), size));
    }

    Agent.DirectoryFactory factory() {
        return (config, self, endpoint, http, ticker) -> new SwarmDirectory() {
            @Override
            public void join(ContentId content, boolean live, io.privastream.protocol.SwarmNames names) {
            }

            @Override
            public synchronized List<Holder> holders(SegmentKey key, int limit) {
                List<Holder> all = new ArrayList<>(holders.getOrDefault(key, List.of()));
                all.removeIf(h -> h.source().id().equals(self.value()));
                if (all.isEmpty() && claims) {
                    // Like the tracker: the first asker of an unheld object becomes its pending holder.
                    holders.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(new Holder(Source.peer(self.value(), endpoint), 0, true));
                }
                return all.subList(0, Math.min(limit, all.size()));
            }

            @Override
            public void have(SegmentKey key, long sizeBytes) {
                List<Holder> list = holders.get(key);
                if (list != null) {
                    list.removeIf(h -> h.source().id().equals(self.value()));
                }
                add(key, self.value(), endpoint, sizeBytes);
            }

            @Override
            public void dropped(SegmentKey key) {
                drops.add(key);
                List<Holder> list = holders.get(key);
                if (list != null) {
                    list.removeIf(h -> h.source().id().equals(self.value()));
                }
            }

            @Override
            public boolean redeem(List<io.privastream.core.incentive.Receipt> receipts) {
                return true;
            }

            @Override
            public java.util.Optional<io.privastream.core.incentive.Standing> standing(String pin) {
                return java.util.Optional.empty();
            }

            @Override
            public void close() {
            }
        };
    }
}
