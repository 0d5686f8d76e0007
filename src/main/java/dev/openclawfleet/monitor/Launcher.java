package dev.openclawfleet.monitor;

import dev.openclawfleet.model.FleetException;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Optional;

/**
 * How a LaunchAgent runs this same fleet: an explicit launcher, or the java that runs now with the
 * jar it runs (found at install time, absolute). JVM flags suit a short periodic run.
 */
final class Launcher {
    static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xlog:disable",
            "-Xlog:all=warning:stderr");

    private Launcher() {
    }

    /** {@code --launcher PATH} when given, else java + this jar; a usage error when neither can be told. */
    static List<String> resolve(Path explicit) {
        if (explicit != null) {
            if (!explicit.isAbsolute() || !Files.isRegularFile(explicit) || !Files.isExecutable(explicit)) {
                throw FleetException.usage("--launcher " + explicit + ": not an executable file");
            }
            return List.of(explicit.toString());
        }
        return runningJar().map(jar -> {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> out = new java.util.ArrayList<>();
            out.add(java.toString());
            out.addAll(JVM_FLAGS);
            out.add("-jar");
            out.add(jar.toString());
            return List.copyOf(out);
        }).orElseThrow(() -> FleetException.usage("cannot tell which jar runs fleet (it runs from classes, not its jar): pass"
                + " --launcher /absolute/path/to/fleet"));
    }

    static Optional<Path> runningJar() {
        CodeSource source = Launcher.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path p = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
            return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar") ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
