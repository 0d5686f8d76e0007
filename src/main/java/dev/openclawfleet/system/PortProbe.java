package dev.openclawfleet.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Is a TCP port in use right now? Answered from one lsof listing when lsof is there, and by trying
 * to connect to it on 127.0.0.1 and ::1.
 */
public final class PortProbe {
    private final Set<Integer> listed;

    private PortProbe(Set<Integer> listed) {
        this.listed = listed;
    }

    /** Takes one lsof snapshot (when lsof is on PATH) for the checks that follow. */
    public static PortProbe snapshot(ProcessRunner runner, Duration timeout) {
        if (!runner.has("lsof")) {
            return new PortProbe(Set.of());
        }
        return new PortProbe(Lsof.listeners(runner, timeout).stream().map(l -> l.port()).collect(Collectors.toSet()));
    }

    public boolean inUse(int port) {
        return listed.contains(port) || accepts(port);
    }

    /** True when something accepts connections on the port on loopback (IPv4 or IPv6). */
    public static boolean accepts(int port) {
        for (InetAddress address : new InetAddress[]{InetAddress.getLoopbackAddress(), v6Loopback()}) {
            if (address == null) {
                continue;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 200);
                return true;
            } catch (IOException ignored) {
                // refused or unreachable: not listening there
            }
        }
        return false;
    }

    private static InetAddress v6Loopback() {
        try {
            return InetAddress.getByName("::1");
        } catch (IOException e) {
            return null;
        }
    }
}
