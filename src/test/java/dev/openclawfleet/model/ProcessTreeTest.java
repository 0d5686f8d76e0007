package dev.openclawfleet.model;

import dev.openclawfleet.system.PsParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ProcessTree: parent chains, strictness, missing parents and cycles. */
class ProcessTreeTest {

    private static ProcessInfo p(long pid, long ppid) {
        return new ProcessInfo(pid, ppid, 0, "cmd " + pid);
    }

    @Test
    void chainUpToLaunchd() {
        ProcessTree tree = new ProcessTree(List.of(p(1, 0), p(4241, 1), p(4242, 4241), p(4300, 4242)));

        assertThat(tree.ancestors(4300)).containsExactly(4242L, 4241L, 1L);
        assertThat(tree.ancestors(1)).isEmpty();
        assertThat(tree.isDescendant(4300, 4241)).isTrue();
        assertThat(tree.isDescendant(4300, 1)).isTrue();
        assertThat(tree.isDescendant(4241, 4300)).isFalse();
        assertThat(tree.isDescendant(4241, 4241)).as("strict").isFalse();
        assertThat(tree.isDescendant(4241, 0)).as("ppid 0 means no parent").isFalse();
    }

    @Test
    void unknownPidsAndMissingParents() {
        ProcessTree tree = new ProcessTree(List.of(p(10, 9), p(11, 10)));

        assertThat(tree.ancestors(99)).isEmpty();
        assertThat(tree.isDescendant(99, 1)).isFalse();
        // 9 is not in the snapshot but ps named it as 10's parent
        assertThat(tree.ancestors(11)).containsExactly(10L, 9L);
        assertThat(tree.get(11)).map(ProcessInfo::command).contains("cmd 11");
        assertThat(tree.get(9)).isEmpty();
    }

    @Test
    void cyclesEndTheWalk() {
        ProcessTree loop = new ProcessTree(List.of(p(2, 3), p(3, 4), p(4, 2)));

        assertThat(loop.ancestors(2)).containsExactly(3L, 4L);
        assertThat(loop.isDescendant(2, 4)).isTrue();
        assertThat(loop.isDescendant(2, 5)).isFalse();

        ProcessTree self = new ProcessTree(List.of(p(7, 7)));
        assertThat(self.ancestors(7)).isEmpty();
        assertThat(self.isDescendant(7, 7)).isFalse();
    }

    @Test
    void firstRowWinsForADuplicatePid() {
        ProcessTree tree = new ProcessTree(List.of(p(5, 1), p(5, 2)));

        assertThat(tree.ancestors(5)).containsExactly(1L);
    }

    @Test
    void realLinuxSnapshot() throws IOException {
        String text;
        try (InputStream in = ProcessTreeTest.class.getResourceAsStream("/ps/ps-linux.txt")) {
            assertThat(in).isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ProcessTree tree = new ProcessTree(PsParser.parse(text));

        assertThat(tree.ancestors(6581)).containsExactly(6579L, 1L);
        assertThat(tree.isDescendant(6582, 6579)).isTrue();
        assertThat(tree.isDescendant(6579, 6581)).isFalse();
        assertThat(tree.ancestors(3)).containsExactly(2L);
    }
}
