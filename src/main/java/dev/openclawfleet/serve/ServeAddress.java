package dev.openclawfleet.serve;

import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.Text;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where `--serve` listens: {@code PORT}, {@code :PORT}, {@code ADDR:PORT} or {@code [IPv6]:PORT}.
 * The address defaults to 127.0.0.1 and must be an IP literal (or {@code localhost}): no name is
 * looked up, so what is bound is exactly what the user typed.
 */
public record ServeAddress(InetAddress address, int port) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern FORM = Pattern.compile("(?:(\\[[0-9a-fA-F:.%\\w]+]|[^:\\[\\]]*):)?(\\d{1,5})");

    public static ServeAddress parse(String typed) {
        Matcher m = FORM.matcher(typed.strip());
        if (!m.matches()) {
            throw FleetException.usage("--serve " + Text.printable(typed, 60) + ": expected [ADDR:]PORT, e.g. 127.0.0.1:9464");
        }
        int port = Integer.parseInt(m.group(2));
        if (port > 65535) {
            throw FleetException.usage("--serve: port " + port + " is out of range 0-65535");
        }
        String host = m.group(1) == null || m.group(1).isEmpty() ? "127.0.0.1" : m.group(1);
        return new ServeAddress(literal(host, typed), port);
    }

    private static InetAddress literal(String host, String typed) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean literal = host.equals("localhost") || IPV4.matcher(bare).matches() || (host.startsWith("[") && bare.contains(":"));
        if (!literal) {
            throw FleetException.usage("--serve " + Text.printable(typed, 60) + ": give an IP address (127.0.0.1, 0.0.0.0, [::1]),"
                    + " not a host name");
        }
        try {
            return host.equals("localhost") ? InetAddress.getLoopbackAddress() : InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            throw FleetException.usage("--serve " + Text.printable(typed, 60) + ": not a valid IP address");
        }
    }

    /** True for 127.0.0.0/8 and ::1; everything else reaches beyond this Mac. */
    public boolean loopback() {
        return address.isLoopbackAddress();
    }

    public InetSocketAddress socket() {
        return new InetSocketAddress(address, port);
    }

    /** "127.0.0.1:9464" or "[::1]:9464". */
    public static String display(InetSocketAddress socket) {
        String host = socket.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + socket.getPort();
    }
}
