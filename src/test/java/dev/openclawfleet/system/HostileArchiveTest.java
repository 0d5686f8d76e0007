package dev.openclawfleet.system;

import dev.openclawfleet.model.FleetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Archives built byte by byte to break a limit: each is refused with a sentence that says which
 * limit and where, before the claimed bytes are read or written.
 */
class HostileArchiveTest {
    @TempDir
    Path tmp;

    private void refused(TarBytes archive, TarGz.Limits limits, String reason) throws Exception {
        Path file = archive.writeTo(tmp.resolve("a" + System.nanoTime() + ".tar.gz"));
        Path out = Files.createDirectories(tmp.resolve("out" + System.nanoTime()));
        assertThatThrownBy(() -> {
            try (TarReader tar = TarReader.open(file)) {
                TarGz.extract(file, tar, out, limits, name -> false);
            }
        }).isInstanceOf(FleetException.class).hasMessage(file + " is refused: " + reason);
    }

    @Test
    void headersAreCappedBeforeTheyAreRead() throws Exception {
        // Issue 8: a 2.7 MB file whose PAX header claims 600 MB made restore peak at 2.3 GB.
        refused(new TarBytes().header("PaxHeader", 'x', 600_000_000L, 0644).raw(new byte[4096]), TarGz.Limits.DEFAULT,
                "it has a PAX extended header of 600000000 bytes, over the 64 KiB limit");
        refused(new TarBytes().header("././@LongLink", 'L', 50_000_000L, 0644), TarGz.Limits.DEFAULT,
                "it has a GNU long name of 50000000 bytes, over the 64 KiB limit");
        refused(new TarBytes().pax("path", "a/".repeat(3000) + "x").file("short", "x", 0644), TarGz.Limits.DEFAULT,
                "an entry name is longer than 4096 bytes");
        refused(new TarBytes().pax("GNU.sparse.map", "0,10").file("s", "x", 0644), TarGz.Limits.DEFAULT,
                "it holds a sparse file, which instance backups never contain");
    }

    @Test
    void entryCountTotalSizeAndExpansionAreCapped() throws Exception {
        TarBytes many = new TarBytes();
        for (int i = 0; i < 11; i++) {
            many.file("f" + i, "", 0644);
        }
        refused(many, new TarGz.Limits(1 << 20, 10, 0, 0), "it holds more than 10 entries");
        refused(new TarBytes().file("big", "x".repeat(200), 0644), new TarGz.Limits(100, 10, 0, 0),
                "it unpacks to more than 100 bytes (the limit for a state dir; see --max-size)");
        Path zeros = new TarBytes().header("zeros", '0', 1 << 20, 0644).data(new byte[1 << 20]).writeTo(tmp.resolve("zeros.tar.gz"));
        Path out = Files.createDirectories(tmp.resolve("zout"));
        assertThatThrownBy(() -> {
            try (TarReader tar = TarReader.open(zeros)) {
                TarGz.extract(zeros, tar, out, new TarGz.Limits(1L << 30, 10, 20, 1000), n -> false);
            }
        }).hasMessageContaining("it unpacks to more than 20 times its compressed size (1.0 MiB from").hasMessageContaining("pass --max-size");
    }

    @Test
    void duplicatesAndAFileWhereAFolderShouldBeAreSaidPlainly() throws Exception {
        refused(new TarBytes().file("a/x", "1", 0644).file("a/x", "2", 0644), TarGz.Limits.DEFAULT,
                "entry 'a/x' is a duplicate entry: an earlier entry already made a file of that name");
        refused(new TarBytes().file("a", "1", 0644).file("a/b", "2", 0644), TarGz.Limits.DEFAULT,
                "entry 'a/b' needs 'a' to be a folder, but an earlier entry made it a file (a duplicate entry)");
        refused(new TarBytes().dir("d", 0755).file("d", "1", 0644), TarGz.Limits.DEFAULT,
                "entry 'd' is a duplicate entry: an earlier entry already made a folder of that name");
    }

    @Test
    void damagedArchivesGetOneClearReason() throws Exception {
        byte[] good = new TarBytes().file("a", "hello", 0644).gzip();
        Path truncated = Files.write(tmp.resolve("t.tar.gz"), new TarBytes().header("a", '0', 100_000, 0644).raw(new byte[512]).gzip());
        assertThatThrownBy(() -> TarGz.extract(truncated, Files.createDirectories(tmp.resolve("t"))))
                .hasMessageEndingWith("is refused: it ends in the middle of an entry (truncated)");
        Path text = Files.writeString(tmp.resolve("notes.tar.gz"), "just some text\n");
        assertThatThrownBy(() -> TarGz.read(text)).hasMessageEndingWith("is refused: it is not a gzip-compressed tar archive");
        byte[] tarBytes = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(good)).readAllBytes();
        tarBytes[0] ^= 1; // checksum no longer matches
        Path damaged = new TarBytes().raw(tarBytes).writeTo(tmp.resolve("d.tar.gz"));
        assertThatThrownBy(() -> TarGz.read(damaged)).hasMessageEndingWith("a header's checksum is wrong (not a tar archive, or a damaged one)");
        assertThatThrownBy(() -> TarGz.read(Path.of("/dev/null"))).hasMessageEndingWith("it is a character device, not a regular file; not opened");
    }

    @Test
    void modesAreNormalisedWhateverTheArchiveSays() throws Exception {
        Path file = new TarBytes().dir("state", 0777).file("state/open.json", "{}", 0666).file("state/run.sh", "#!/bin/sh", 0777)
                .dir("state/sub", 0755).writeTo(tmp.resolve("m.tar.gz"));
        Path out = Files.createDirectories(tmp.resolve("m"));
        TarGz.extract(file, out);
        for (var expect : List.of(List.of("state", "rwx------"), List.of("state/open.json", "rw-------"), List.of("state/run.sh", "rwx------"),
                List.of("state/sub", "rwx------"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(expect.get(0)), LinkOption.NOFOLLOW_LINKS)))
                    .as(expect.get(0)).isEqualTo(expect.get(1));
        }
    }

    @Test
    void writeNeverReplacesAFileThatAppeared() throws Exception {
        Path source = Files.writeString(tmp.resolve("src.txt"), "new");
        Path target = Files.writeString(tmp.resolve("out.tar.gz"), "the user's file");
        assertThatThrownBy(() -> TarGz.write(target, List.of(new TarGz.Source("src.txt", source))))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(Files.readString(target)).isEqualTo("the user's file");
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("src.txt", "out.tar.gz");
        }
    }
}
