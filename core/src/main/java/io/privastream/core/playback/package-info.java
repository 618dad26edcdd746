/**
 * The real-time playback buffer and QoE accountant, sans-IO: a
 * {@link io.privastream.core.playback.PlaybackModel} takes events with explicit times
 * (manifest requested, segment buffered, time advanced, end of stream, session finished) and
 * produces a {@link io.privastream.core.playback.QoeReport} with the metrics of the design
 * brief: startup delay, rebuffering (count, time, per minute, ratio excluding startup),
 * time-weighted played video bitrate, quality switches in played order, bytes from peers and
 * servers, live latency. The headless player drives it with the system clock, the simulator
 * with simulated time.
 */
package io.privastream.core.playback;
