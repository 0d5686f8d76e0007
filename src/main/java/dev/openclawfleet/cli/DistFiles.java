package dev.openclawfleet.cli;

import dev.openclawfleet.dist.BashCompletion;
import dev.openclawfleet.dist.CommandDoc;
import dev.openclawfleet.dist.FishCompletion;
import dev.openclawfleet.dist.ManPage;
import dev.openclawfleet.dist.ZshCompletion;
import dev.openclawfleet.model.ProductInfo;
import dev.openclawfleet.system.CurrentUser;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Build step ({@code mvn package}): writes the man pages and completion scripts of the release
 * archive under {@code share/} of the given directory, from the same command tree the CLI runs.
 */
public final class DistFiles {
    private DistFiles() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: DistFiles OUTPUT_DIR");
        }
        write(Path.of(args[0]));
    }

    static void write(Path dir) throws IOException {
        Map<String, String> env = Map.of("HOME", System.getProperty("java.io.tmpdir"));
        PrintStream nowhere = new PrintStream(PrintStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        CliContext context = new CliContext(env, nowhere, nowhere, false, CurrentUser.detect(env), dir);
        CommandDoc tree = CommandTree.of(context);
        String version = ProductInfo.current().version();
        Path share = dir.resolve("share");
        for (Map.Entry<String, String> page : ManPage.pages(tree, version).entrySet()) {
            write(share.resolve("man/man1").resolve(page.getKey()), page.getValue());
        }
        write(share.resolve("bash-completion/completions").resolve(tree.name()), BashCompletion.script(tree, version));
        write(share.resolve("zsh/site-functions").resolve("_" + tree.name()), ZshCompletion.script(tree, version));
        write(share.resolve("fish/vendor_completions.d").resolve(tree.name() + ".fish"), FishCompletion.script(tree, version));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
