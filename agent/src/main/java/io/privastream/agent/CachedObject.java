package io.privastream.agent;

/**
 * A complete object in the agent's cache, with where its bytes came from.
 *
 * @param data        the object's bytes, exactly as the origin serves them; never modified
 * @param peerBytes   how many of them arrived from peers
 * @param serverBytes how many arrived from servers
 * @param live        whether it belongs to live content (kept for the live window only)
 * @param deliveredBytesPerSecond the pace its download delivered it at, bytes/s
 *                    (see {@link DownloadExecution.Result#deliveredBytesPerSecond()})
 */
record CachedObject(byte[] data, long peerBytes, long serverBytes, boolean live, double deliveredBytesPerSecond) {
}
