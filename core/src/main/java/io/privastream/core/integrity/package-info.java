/**
 * Integrity of media objects fetched from peers.
 *
 * <p>The publisher hashes every object in fixed-size chunks (SHA-256 leaves of a Merkle tree,
 * RFC 6962 hashing) and signs the tree's root with its Ed25519 key ({@link SignedDigest}). An
 * agent that holds the signed digest checks every chunk on its own as soon as all of its bytes
 * arrived, from whichever sources they came ({@link SegmentDigest#matches}), so a lying peer is
 * caught at the first chunk it corrupts and the rest of the object is fetched elsewhere.
 *
 * <p>Pure JDK (JCA); no I/O.
 */
package io.privastream.core.integrity;
