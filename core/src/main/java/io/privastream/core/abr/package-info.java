/**
 * Adaptive bitrate (ABR) decisions, sans-IO: a {@link io.privastream.core.abr.ThroughputEstimator}
 * fed with download samples, and {@link io.privastream.core.abr.AbrStrategy} implementations
 * (throughput, BOLA, dynamic, fixed) picked by name. Deterministic: every input, including
 * time, is passed in.
 */
package io.privastream.core.abr;
