package dev.openclawfleet.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The launchers' training run really runs the everyday commands (a cache trained on errors would miss their classes). */
class CacheTrainingTest {
    @TempDir
    Path tmp;

    @Test
    void everyTrainingCommandDoesWhatItShould() throws Exception {
        List<String> codes = CacheTraining.train(tmp);
        assertThat(codes).hasSizeGreaterThan(15);
        for (String line : codes) {
            boolean mistake = line.endsWith(" lsit") || line.contains("--strcit");
            assertThat(line).as("exit code, then the command").startsWith(mistake ? "2 " : "0 ");
        }
    }
}
