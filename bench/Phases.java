import dev.openclawfleet.plist.PlistParser;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Times the per-plist steps of `fleet lint` one at a time, single-threaded, over every *.plist in
 * a directory, PASSES times in one JVM (the first pass is cold, the last ones JIT-compiled).
 * A measuring aid for docs/performance.md; it calls public APIs and the JDK, and changes nothing.
 *
 *   javac -cp target/openclaw-fleet.jar -d bench/.work/classes bench/Phases.java
 *   java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp target/openclaw-fleet.jar:bench/.work/classes Phases 5 agents
 */
public final class Phases {
    interface Step {
        Object run(Path p, byte[] bytes) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int passes = Integer.parseInt(args[0]);
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(Path.of(args[1]), "*.plist")) {
            d.forEach(files::add);
        }
        files.sort(null);
        List<byte[]> contents = new ArrayList<>();
        for (Path p : files) {
            contents.add(Files.readAllBytes(p));
        }
        Map<String, Step> steps = new java.util.LinkedHashMap<>();
        steps.put("Files.readAllBytes", (p, b) -> Files.readAllBytes(p));
        steps.put("readAttributes unix:mode,uid,owner,size (what SafeFiles asks)",
                (p, b) -> Files.readAttributes(p, "unix:mode,uid,owner,size"));
        steps.put("readAttributes unix:mode,uid,size (no owner name)", (p, b) -> Files.readAttributes(p, "unix:mode,uid,size"));
        steps.put("PlistParser.parse (JDK DOM + dd-plist + toJava)", (p, b) -> PlistParser.parse(b));
        System.out.println(files.size() + " plists; microseconds per plist, per pass (first pass cold):");
        for (Map.Entry<String, Step> step : steps.entrySet()) {
            StringBuilder line = new StringBuilder();
            for (int pass = 0; pass < passes; pass++) {
                long start = System.nanoTime();
                Object sink = null;
                for (int i = 0; i < files.size(); i++) {
                    sink = step.getValue().run(files.get(i), contents.get(i));
                }
                if (sink == null) {
                    throw new IllegalStateException();
                }
                line.append(String.format(java.util.Locale.ROOT, " %6.1f", (System.nanoTime() - start) / 1000.0 / files.size()));
            }
            System.out.println(String.format(java.util.Locale.ROOT, "  %-62s", step.getKey()) + line);
        }
    }
}
