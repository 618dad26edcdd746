package io.privastream.core.download;

/** Whether bytes come from another viewer's agent or from a public server (the floor). */
public enum SourceKind {
    /** Another agent in the swarm. */
    PEER,
    /** A public server: the origin or a CDN node. */
    SERVER
}
