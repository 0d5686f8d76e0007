import dev.openclawfleet.cli.CliContext;
import dev.openclawfleet.cli.Main;
import dev.openclawfleet.system.CurrentUser;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs one fleet command line ITERATIONS times inside one JVM and prints each run's wall time:
 * the first run is what a CLI process pays (cold: interpreter, class loading, JIT warm-up), the
 * last ones are the steady state (JIT-compiled). Output of the command goes nowhere.
 *
 *   javac -cp target/openclaw-fleet.jar -d bench/.work/classes bench/Steady.java
 *   java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp target/openclaw-fleet.jar:bench/.work/classes Steady 8 lint agents
 *
 * A measuring aid for docs/performance.md: it calls the public entry point Main.run and changes nothing.
 */
public final class Steady {
    public static void main(String[] args) {
        int iterations = Integer.parseInt(args[0]);
        String[] command = Arrays.copyOfRange(args, 1, args.length);
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        CliContext context = new CliContext(System.getenv(), nowhere, nowhere, false, CurrentUser.detect(System.getenv()),
                Path.of("").toAbsolutePath());
        long[] ms = new long[iterations];
        int code = 0;
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            code = Main.run(context, command);
            ms[i] = (System.nanoTime() - start) / 1_000_000;
        }
        long best = Arrays.stream(ms).min().orElse(0);
        System.out.println("exit " + code + "; ms per run: " + Arrays.toString(ms) + "; first " + ms[0] + ", best " + best);
    }
}
