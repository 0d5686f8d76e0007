package dev.openclawfleet.it;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.fail;

/**
 * External programs a test drives (ruby, pre-commit, fish, the SARIF multitool...). Missing on a
 * developer's machine: the test is skipped and says how to install it. Missing in CI (CI=true),
 * where .ci/run installs them: the test fails, so a broken install step cannot pass unnoticed.
 */
final class Tools {
    private Tools() {
    }

    static Path require(String name, String howToInstall) {
        return check(onPath(name), name, howToInstall);
    }

    static Path check(Optional<Path> found, String name, String howToInstall) {
        if (found.isPresent()) {
            return found.get();
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(name + " is missing although CI=true: .ci/run must install it (" + howToInstall + ")");
        }
        Assumptions.abort(name + " is not installed; " + howToInstall + " to run this test");
        throw new IllegalStateException("unreachable");
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
