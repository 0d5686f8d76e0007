package dev.openclawfleet.cli;

import dev.openclawfleet.system.CurrentUser;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the commands get from the outside world: environment, output streams, whether stdout is a
 * terminal, the user, the working directory, and standard input (answers to a confirmation, a
 * secret for `fleet config set KEY -`). Tests build their own.
 */
public record CliContext(Map<String, String> env, PrintStream out, PrintStream err, boolean terminal, CurrentUser user,
                         Path cwd, InputStream in) {

    /** A context whose standard input is empty. */
    public CliContext(Map<String, String> env, PrintStream out, PrintStream err, boolean terminal, CurrentUser user, Path cwd) {
        this(env, out, err, terminal, user, cwd, InputStream.nullInputStream());
    }

    public Path home() {
        return user.home();
    }

    /** Colour is on only on a terminal, without NO_COLOR (any non-empty value) and TERM=dumb, unless --no-color. */
    public boolean color(boolean noColorFlag) {
        String noColor = env.get("NO_COLOR");
        return terminal && !noColorFlag && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    }

    /** A path the user typed, resolved against the working directory, with a leading ~ expanded. */
    public Path resolve(String typed) {
        if (typed.equals("~")) {
            return home();
        }
        if (typed.startsWith("~/")) {
            return home().resolve(typed.substring(2));
        }
        return cwd.resolve(typed).normalize();
    }
}
