package io.privastream.agent;

import io.privastream.protocol.AgentHeaders;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Where the bytes of an agent's answer came from, as the headless player learns it: from the
 * answer's headers, or, for an answer streamed while the object was arriving, from a HEAD of the
 * same URL afterwards.
 *
 * @param peerBytes   bytes the agent got from peers
 * @param serverBytes bytes the agent got from servers
 */
record Split(long peerBytes, long serverBytes) {

    static Split of(HttpResponse<?> answer) throws IOException, InterruptedException {
        HttpResponse<?> withSplit = answer;
        if (answer.headers().firstValue(AgentHeaders.STREAMED).isPresent()) {
            try (HttpClient client = HttpClient.newHttpClient()) {
                withSplit = client.send(HttpRequest.newBuilder(answer.uri()).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        }
        return new Split(Long.parseLong(withSplit.headers().firstValue(AgentHeaders.PEER_BYTES).orElseThrow()),
                Long.parseLong(withSplit.headers().firstValue(AgentHeaders.SERVER_BYTES).orElseThrow()));
    }
}
