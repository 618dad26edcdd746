/**
 * Reading and rewriting streaming manifests: DASH MPDs (ISO/IEC 23009-1) and HLS playlists
 * (RFC 8216). Pure functions over text: nothing here does I/O, reads a clock or starts a thread.
 *
 * <ul>
 *   <li>{@link io.privastream.manifest.DashReader} and {@link io.privastream.manifest.HlsReader}
 *       turn manifest text into one model, {@link io.privastream.manifest.Presentation}, whose
 *       representations enumerate their segments with absolute URLs.</li>
 *   <li>{@link io.privastream.manifest.ManifestRewriter} rewrites the absolute URLs inside a
 *       manifest's text for the agent, leaving every other byte as it was.</li>
 *   <li>{@link io.privastream.manifest.ManifestKind#sniff} tells an MPD from a playlist.</li>
 * </ul>
 *
 * <p>Malformed input always ends in a {@link io.privastream.manifest.ManifestException} whose
 * one-line message says what was wrong and where; never a partial model.
 *
 * <p>Record components that may be absent are {@code Optional}: a record's accessor is its
 * field, and "no null across APIs" wins over "never take an Optional" for these value types.
 */
package io.privastream.manifest;
