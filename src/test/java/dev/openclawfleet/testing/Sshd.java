package dev.openclawfleet.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Throwaway "Macs" for the multi-host tests: one Debian {@code /usr/sbin/sshd} per host, on
 * 127.0.0.1 and a free port, run as the current user with its own host key, config, log, HOME and
 * launchctl stand-in state; sshd's {@code SetEnv} gives every session that HOME and a PATH with
 * the stand-in first. One client key is authorized on all of them; {@link #config()} is an
 * {@code ssh -F} file with BatchMode, a connect timeout, strict host keys from a known_hosts file
 * of their keys, and no password or agent. Extra aliases stand for the failure cases: a closed
 * port ({@link #CLOSED}), a key the host does not accept ({@code <alias>-wrongkey}) and an
 * unknown host key ({@code <alias>-unknownkey}). Nothing listens beyond loopback.
 *
 * <p>Running as root, sshd needs its privilege separation dir {@code /run/sshd}, which Debian's
 * service unit creates at boot; it is created here (0755) when missing. Sessions start in the
 * user's real home directory (sshd chdirs there before SetEnv applies), with $HOME the host's.
 */
public final class Sshd implements AutoCloseable {
    public static final Path SSHD = Path.of("/usr/sbin/sshd");
    /** The alias whose port nothing listens on. */
    public static final String CLOSED = "closed";
    static final Duration START = Duration.ofSeconds(15);

    private final Path dir;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Path config;

    /** One host: its alias, port, HOME, stand-in state dir, the environment of its sessions, and its sshd. */
    public record Host(String alias, int port, Path home, Path launchdState, Map<String, String> sessionEnv, Process sshd, Path log) {
    }

    /** What one ssh run returned. */
    public record Result(int exitCode, String out, String err) {
    }

    private Sshd(Path dir, Path config) {
        this.dir = dir;
        this.config = config;
    }

    /** Fails under CI=true when OpenSSH is missing (.ci/run installs it); skips the test elsewhere. */
    public static void requireOpenSsh() {
        for (String tool : List.of(SSHD.toString(), "/usr/bin/ssh", "/usr/bin/ssh-keygen")) {
            if (!Files.isExecutable(Path.of(tool))) {
                if ("true".equals(System.getenv("CI"))) {
                    throw new AssertionError(tool + " is missing: .ci/run installs Debian's openssh-server and openssh-client");
                }
                Assumptions.abort(tool + " is missing (apt-get install openssh-server); skipped outside CI");
            }
        }
    }

    /** Starts one sshd per alias under {@code dir}; all of them answer to one client key. */
    public static Sshd start(Path dir, String... aliases) throws Exception {
        requireOpenSsh();
        privilegeSeparationDir();
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path key = keygen(dir.resolve("id_ed25519"));
        Path wrongKey = keygen(dir.resolve("wrong_ed25519"));
        Files.writeString(dir.resolve("authorized_keys"), Files.readString(Path.of(key + ".pub")));
        Files.writeString(dir.resolve("empty_known_hosts"), "");
        String user = currentUser();
        StringBuilder knownHosts = new StringBuilder();
        StringBuilder ssh = new StringBuilder("# ssh -F for the test hosts: BatchMode, strict host keys, loopback only.\n");
        Sshd sshd = new Sshd(dir, dir.resolve("ssh_config"));
        try {
            for (String alias : aliases) {
                Host host = sshd.startHost(alias, user);
                String[] hostKey = Files.readString(dir.resolve(alias).resolve("ssh_host_ed25519_key.pub")).strip().split("\\s+");
                knownHosts.append("[127.0.0.1]:").append(host.port()).append(' ').append(hostKey[0]).append(' ').append(hostKey[1]).append('\n');
                ssh.append(block(alias, host.port(), user, key, dir.resolve("known_hosts")));
                ssh.append(block(alias + "-wrongkey", host.port(), user, wrongKey, dir.resolve("known_hosts")));
                ssh.append(block(alias + "-unknownkey", host.port(), user, key, dir.resolve("empty_known_hosts")));
            }
            ssh.append(block(CLOSED, freePort(), user, key, dir.resolve("known_hosts")));
            Files.writeString(dir.resolve("known_hosts"), knownHosts);
            Files.writeString(sshd.config, ssh);
            Files.setPosixFilePermissions(sshd.config, PosixFilePermissions.fromString("rw-------"));
            return sshd;
        } catch (Exception | AssertionError e) {
            sshd.close();
            throw e;
        }
    }

    private static String block(String alias, int port, String user, Path identity, Path knownHosts) {
        return "\nHost " + alias + "\n"
                + "  HostName 127.0.0.1\n"
                + "  Port " + port + "\n"
                + "  User " + user + "\n"
                + "  IdentityFile " + identity + "\n"
                + "  IdentitiesOnly yes\n"
                + "  IdentityAgent none\n"
                + "  UserKnownHostsFile " + knownHosts + "\n"
                + "  GlobalKnownHostsFile /dev/null\n"
                + "  StrictHostKeyChecking yes\n"
                + "  UpdateHostKeys no\n"
                + "  BatchMode yes\n"
                + "  PasswordAuthentication no\n"
                + "  KbdInteractiveAuthentication no\n"
                + "  ConnectTimeout 5\n"
                + "  ConnectionAttempts 1\n"
                + "  ControlMaster no\n"
                + "  ControlPath none\n"
                + "  LogLevel ERROR\n";
    }

    private Host startHost(String alias, String user) throws Exception {
        Path hostDir = Files.createDirectories(dir.resolve(alias));
        Path home = Files.createDirectories(hostDir.resolve("home"));
        Path state = Files.createDirectories(hostDir.resolve("launchd-state"));
        Path hostKey = keygen(hostDir.resolve("ssh_host_ed25519_key"));
        Map<String, String> sessionEnv = new LinkedHashMap<>();
        sessionEnv.put("PATH", StandIn.DIR + ":/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        sessionEnv.put("HOME", home.toString());
        sessionEnv.put("LAUNCHCTL_STANDIN_STATE", state.toString());
        sessionEnv.put("LAUNCHCTL_STANDIN_TIME_SCALE", StandIn.TIME_SCALE);
        StringBuilder setEnv = new StringBuilder("SetEnv");
        sessionEnv.forEach((k, v) -> setEnv.append(" \"").append(k).append('=').append(v).append('"'));
        Path log = hostDir.resolve("sshd.log");
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            Path sshdConfig = hostDir.resolve("sshd_config");
            Files.writeString(sshdConfig, String.join("\n",
                    "# sshd for test host " + alias + ": loopback, public keys only, its own HOME and launchd stand-in",
                    "Port " + port,
                    "ListenAddress 127.0.0.1",
                    "HostKey " + hostKey,
                    "PidFile " + hostDir.resolve("sshd.pid"),
                    "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                    "AllowUsers " + user,
                    "StrictModes no",
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "HostbasedAuthentication no",
                    "UsePAM no",
                    "PermitRootLogin prohibit-password",
                    "PermitUserEnvironment no",
                    "PermitUserRC no",
                    "AllowTcpForwarding no",
                    "AllowAgentForwarding no",
                    "X11Forwarding no",
                    "PermitTunnel no",
                    "PrintMotd no",
                    "PrintLastLog no",
                    "UseDNS no",
                    "LoginGraceTime 20",
                    "MaxStartups 100:30:200",
                    "MaxSessions 50",
                    "LogLevel VERBOSE",
                    setEnv.toString(), ""));
            Run check = run(List.of(SSHD.toString(), "-t", "-f", sshdConfig.toString()), Duration.ofSeconds(20));
            if (check.exitCode() != 0) {
                throw new AssertionError("sshd refuses the test config: " + check.err());
            }
            Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", sshdConfig.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            process.getOutputStream().close();
            long deadline = System.nanoTime() + START.toNanos();
            while (process.isAlive() && !accepts(port) && System.nanoTime() < deadline) {
                Thread.sleep(25);
            }
            if (process.isAlive() && accepts(port)) {
                Host host = new Host(alias, port, home, state, Map.copyOf(sessionEnv), process, log);
                hosts.put(alias, host);
                return host;
            }
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            if (attempt >= 3) {
                throw new AssertionError("sshd for " + alias + " did not start on port " + port + ": " + Files.readString(log));
            }
        }
    }

    public Host host(String alias) {
        Host host = hosts.get(alias);
        if (host == null) {
            throw new IllegalArgumentException("no test host " + alias);
        }
        return host;
    }

    public List<Host> hosts() {
        return List.copyOf(hosts.values());
    }

    /** The file for {@code ssh -F}. */
    public Path config() {
        return config;
    }

    /** {@code ssh -F config alias command}, with a hard timeout; ssh's own reason for a failure is on stderr. */
    public Result ssh(String alias, String command) throws Exception {
        Run r = run(List.of("/usr/bin/ssh", "-F", config.toString(), alias, command), Duration.ofSeconds(60));
        return new Result(r.exitCode(), r.out(), r.err());
    }

    /** Stops every job the hosts' stand-ins run and every sshd. */
    @Override
    public void close() throws Exception {
        for (Host host : hosts.values()) {
            ProcessBuilder reset = new ProcessBuilder(StandIn.DIR.resolve("launchctl").toString(), "standin-reset");
            reset.environment().putAll(host.sessionEnv());
            try {
                Process p = reset.redirectErrorStream(true).start();
                p.getOutputStream().close();
                p.getInputStream().readAllBytes();
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (IOException ignored) {
                // the stand-in state is gone with the temp dir; its supervisors stop themselves
            }
            host.sshd().destroy();
        }
        for (Host host : hosts.values()) {
            if (!host.sshd().waitFor(5, TimeUnit.SECONDS)) {
                host.sshd().destroyForcibly();
            }
        }
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Run(p.exitValue(), out.join(), err.join());
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static Path keygen(Path file) throws Exception {
        Run r = run(List.of("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", file.toString()), Duration.ofSeconds(30));
        if (r.exitCode() != 0) {
            throw new AssertionError("ssh-keygen failed: " + r.err());
        }
        return file;
    }

    private static String currentUser() throws Exception {
        return run(List.of("/usr/bin/id", "-un"), Duration.ofSeconds(10)).out().strip();
    }

    private static void privilegeSeparationDir() throws IOException {
        Path privsep = Path.of("/run/sshd");
        if (FleetFixture.UID == 0 && !Files.isDirectory(privsep)) {
            Files.createDirectories(privsep, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
