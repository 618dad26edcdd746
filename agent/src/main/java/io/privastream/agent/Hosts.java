package io.privastream.agent;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/** Choosing the host other agents use to reach this one. */
final class Hosts {
    private Hosts() {
    }

    /** See {@link AgentConfig#advertisedHost()}. */
    static String advertised(AgentConfig config) {
        if (config.advertisedHost().isPresent()) {
            return config.advertisedHost().get();
        }
        String bind = config.peerHost();
        if (!bind.equals("0.0.0.0") && !bind.equals("::") && !bind.isEmpty()) {
            return bind;
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // No interfaces readable: fall back to loopback, which works on one machine.
        }
        return "127.0.0.1";
    }
}
