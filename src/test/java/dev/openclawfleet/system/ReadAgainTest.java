package dev.openclawfleet.system;

import dev.openclawfleet.model.KeyLocator;
import dev.openclawfleet.model.KeyPath;
import dev.openclawfleet.model.PlistRead;
import dev.openclawfleet.model.Position;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scanned plist's findings get their line from the file read again ({@link SafeFiles#readAgain}),
 * and only while it still holds the bytes that were parsed; a file swapped for a FIFO is not opened.
 */
class ReadAgainTest {
    private static final String PLIST = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict>\n"
            + "\t<key>Label</key>\n\t<string>ai.openclaw.luca</string>\n</dict>\n</plist>\n";

    @TempDir
    Path dir;

    private KeyLocator scanned(Path file) {
        PlistRead read = new PlistScanner(0).read(file);
        assertThat(read).isInstanceOf(PlistRead.Parsed.class);
        return ((PlistRead.Parsed) read).locator();
    }

    @Test
    void anUnchangedFileIsReadAgainForItsPositions() throws Exception {
        Path file = Files.writeString(dir.resolve("ai.openclaw.luca.plist"), PLIST);
        Path link = Files.createSymbolicLink(dir.resolve("link.plist"), file.getFileName());
        assertThat(scanned(file).locate(KeyPath.LABEL)).contains(new Position(5, 2));
        assertThat(scanned(link).locate(KeyPath.LABEL)).as("through a link to a regular file").contains(new Position(5, 2));
        assertThat(SafeFiles.readAgain(file, PLIST.length())).isEqualTo(PLIST.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFileChangedOrRemovedSinceItWasParsedHasNoPositions() throws Exception {
        Path file = Files.writeString(dir.resolve("ai.openclaw.luca.plist"), PLIST);
        KeyLocator sameSize = scanned(file);
        KeyLocator longer = scanned(file);
        KeyLocator removed = scanned(file);
        Files.writeString(file, PLIST.replace("luca", "lucy"));
        assertThat(sameSize.locate(KeyPath.LABEL)).as("same length, other bytes").isEmpty();
        Files.writeString(file, "\n" + PLIST);
        assertThat(longer.locate(KeyPath.LABEL)).as("another length").isEmpty();
        Files.delete(file);
        assertThat(removed.locate(KeyPath.LABEL)).as("gone").isEmpty();
        assertThat(SafeFiles.readAgain(file, PLIST.length())).isNull();
        assertThat(SafeFiles.readAgain(dir, 0)).as("a directory").isNull();
    }

    @Test
    @Timeout(20)
    void aFileSwappedForAFifoIsNotOpened() throws Exception {
        Path file = Files.writeString(dir.resolve("ai.openclaw.luca.plist"), PLIST);
        KeyLocator locator = scanned(file);
        Files.delete(file);
        Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        assertThat(locator.locate(KeyPath.LABEL)).as("opening the FIFO would block").isEmpty();
        assertThat(SafeFiles.readAgain(file, 0)).isNull();
    }
}
