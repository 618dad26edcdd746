package io.privastream.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer that speaks just enough HTTP/1.1 on a raw socket to misbehave precisely: it answers
 * {@code GET /peer/v1/{content}/{path}} for the objects it is given, in the way its
 * {@link Behaviour} says. Listens on loopback, OS-chosen port. Thread-safe.
 */
public final class MisbehavingPeer implements AutoCloseable {

    /** How the peer answers. */
    public enum Behaviour {
        /** Correct bytes at full speed (a control). */
        HONEST,
        /** Announces the whole range, sends half of it, then closes the connection. */
        HALF_THEN_CLOSE,
        /** Sends the right bytes at about 2 KiB/s, forever if allowed. */
        DRIP,
        /** Accepts the connection and never answers. */
        SILENT,
        /** Answers 500. */
        ERROR,
        /** Sends the asked length of bytes, but with every byte flipped. */
        FLIPPED_BITS,
        /** Sends fewer bytes than the Content-Length it declared, then closes. */
        TRUNCATED
    }

    private static final Pattern REQUEST_LINE = Pattern.compile("GET (\\S+) HTTP/1\\.[01]");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private final ServerSocket socket;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Behaviour behaviour;
    private volatile boolean closed;

    /** Starts listening. */
    public MisbehavingPeer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("misbehaving-peer").start(this::acceptLoop);
    }

    /** Offers {@code data} at {@code /peer/v1/{content}/{path}}. */
    public MisbehavingPeer hold(String content, String path, byte[] data) {
        objects.put("/peer/v1/" + content + "/" + path, data);
        return this;
    }

    /** Changes how later requests are answered. */
    public void behave(Behaviour b) {
        this.behaviour = b;
    }

    /** The endpoint to list in a swarm, e.g. {@code http://127.0.0.1:40000}. */
    public String endpoint() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** Requests received so far. */
    public int requests() {
        return requests.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = socket.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            while (!closed) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                requests.incrementAndGet();
                Matcher m = REQUEST_LINE.matcher(head.lines().findFirst().orElse(""));
                byte[] data = m.lookingAt() ? objects.get(m.group(1)) : null;
                Behaviour b = behaviour;
                if (b == Behaviour.SILENT) {
                    in.transferTo(OutputStream.nullOutputStream());
                    return;
                }
                if (data == null || b == Behaviour.ERROR) {
                    byte[] body = (data == null ? "not held" : "broken").getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 " + (data == null ? "404 Not Found" : "500 Internal Server Error")
                            + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                    continue;
                }
                long start = 0;
                long end = data.length;
                boolean partial = false;
                for (String line : head.split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("range:")) {
                        Matcher r = RANGE.matcher(line.substring(6).strip());
                        if (r.matches()) {
                            start = Long.parseLong(r.group(1));
                            end = r.group(2).isEmpty() ? data.length : Math.min(data.length, Long.parseLong(r.group(2)) + 1);
                            partial = true;
                        }
                    }
                }
                long length = end - start;
                String status = partial ? "206 Partial Content\r\nContent-Range: bytes " + start + "-" + (end - 1) + "/" + data.length : "200 OK";
                out.write(("HTTP/1.1 " + status + "\r\nContent-Length: " + length + "\r\nContent-Type: video/iso.segment\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                switch (b) {
                    case HALF_THEN_CLOSE, TRUNCATED -> {
                        out.write(data, (int) start, (int) (length / 2));
                        out.flush();
                        return;
                    }
                    case DRIP -> {
                        for (long i = start; i < end && !closed; i += 256) {
                            out.write(data, (int) i, (int) Math.min(256, end - i));
                            out.flush();
                            Thread.sleep(125);
                        }
                    }
                    case FLIPPED_BITS -> {
                        byte[] copy = new byte[(int) length];
                        for (int i = 0; i < length; i++) {
                            copy[i] = (byte) ~data[(int) start + i];
                        }
                        out.write(copy);
                    }
                    default -> out.write(data, (int) start, (int) length);
                }
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // The requester gave up on us: exactly what a misbehaving peer should expect.
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int state = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            head.append((char) c);
            state = switch (state) {
                case 0, 2 -> c == '\r' ? state + 1 : 0;
                case 1 -> c == '\n' ? 2 : 0;
                case 3 -> c == '\n' ? 4 : 0;
                default -> 0;
            };
            if (state == 4) {
                return head.toString();
            }
            if (head.length() > 16 * 1024) {
                return null;
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
    }
}
