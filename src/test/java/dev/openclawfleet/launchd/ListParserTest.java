package dev.openclawfleet.launchd;

import dev.openclawfleet.model.LabelListing;
import dev.openclawfleet.model.ListEntry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.openclawfleet.launchd.PrintParserTest.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ListParser: the {@code launchctl list} table and the {@code launchctl list <label>} dictionary. */
class ListParserTest {

    @Test
    void tableSample() {
        List<ListEntry> rows = ListParser.parseTable(sample("list-table.txt"));

        assertThat(rows).hasSize(34);
        assertThat(rows.get(0)).isEqualTo(new ListEntry(null, 0, "com.apple.CoreAuthentication.daemon"));
        assertThat(rows.get(33)).isEqualTo(new ListEntry(null, 0, "com.apple.java.InstallOnDemand"));
        assertThat(rows).filteredOn(e -> e.label().equals("com.apple.Finder"))
                .containsExactly(new ListEntry(279, 0, "com.apple.Finder"));
        assertThat(rows).filteredOn(ListEntry::running).hasSize(9);
        assertThat(rows).noneMatch(ListEntry::killedBySignal);
        assertThat(rows).extracting(ListEntry::label).doesNotContain("Label");
    }

    @Test
    void tableSignalsMalformedLinesAndCrlf() {
        String text = "PID\tStatus\tLabel\r\n"
                + "-\t-9\tcom.killed\r\n"
                + "123\t78\tcom.exited\r\n"
                + "garbage line\r\n"
                + "x\t0\tcom.badpid\r\n"
                + "-\tzero\tcom.badstatus\r\n"
                + "-\t0\t\r\n"
                + "\r\n"
                + "456\t-15\tcom.running.after.term\r\n";
        List<ListEntry> rows = ListParser.parseTable(text);

        assertThat(rows).containsExactly(
                new ListEntry(null, -9, "com.killed"),
                new ListEntry(123, 78, "com.exited"),
                new ListEntry(456, -15, "com.running.after.term"));
        assertThat(rows.get(0).killedBySignal()).isTrue();
        assertThat(rows.get(0).signal()).isEqualTo(9);
        assertThat(rows.get(1).killedBySignal()).isFalse();
        assertThat(rows.get(1).signal()).isZero();
        assertThat(rows.get(2).signal()).isEqualTo(15);
    }

    @Test
    void tableWithSpacesInsteadOfTabs() {
        assertThat(ListParser.parseTable("PID Status Label\n  -   0   com.a\n 12  -6  com.b\n"))
                .containsExactly(new ListEntry(null, 0, "com.a"), new ListEntry(12, -6, "com.b"));
    }

    @Test
    void tableOfNothing() {
        assertThat(ListParser.parseTable("")).isEmpty();
        assertThat(ListParser.parseTable(null)).isEmpty();
        assertThat(ListParser.parseTable("PID\tStatus\tLabel\n")).isEmpty();
    }

    @Test
    void labelSampleCrashedExConfig() {
        LabelListing l = ListParser.parseLabel(sample("list-label-crashed-ex-config.txt"));

        assertThat(l.label()).isEqualTo("com.cyberwave.usbip");
        assertThat(l.pid()).isNull();
        assertThat(l.running()).isFalse();
        assertThat(l.lastExitStatus()).isEqualTo(19968);
        assertThat(l.exitCode()).contains(78);
        assertThat(l.termSignal()).isEmpty();
        assertThat(l.program()).isEqualTo("/Users/x/.cyberwave/usbip_wrapper.sh");
        assertThat(l.programArguments()).containsExactly("/Users/x/.cyberwave/usbip_wrapper.sh");
        assertThat(l.raw()).containsEntry("LimitLoadToSessionType", "Aqua")
                .containsEntry("StandardOutPath", "/Users/x/.cyberwave/usbip.log")
                // OpenStep text has no booleans: dd-plist hands back the word
                .containsEntry("OnDemand", "false")
                .hasSize(7);
    }

    @Test
    void labelSampleSystemJob() {
        LabelListing l = ListParser.parseLabel(sample("list-label-system-job.txt"));

        assertThat(l.label()).isEqualTo("org.jenkins-ci");
        assertThat(l.pid()).isNull();
        assertThat(l.exitCode()).contains(78);
        assertThat(l.program()).isEqualTo("/bin/bash");
        assertThat(l.programArguments())
                .containsExactly("/bin/bash", "/Library/Application Support/Jenkins/jenkins-runner.sh");
        assertThat(l.raw()).containsEntry("TimeOut", "30").containsEntry("SessionCreate", "true")
                .containsEntry("LimitLoadToSessionType", "System");
    }

    @Test
    void labelRunningWithNestedDictsAndSignalExit() {
        String text = """
                {
                \t"LimitLoadToSessionType" = "Aqua";
                \t"MachServices" = {
                \t\t"com.x.port" = mach-port-object;
                \t};
                \t"Label" = "ai.openclaw.work";
                \t"OnDemand" = false;
                \t"LastExitStatus" = 15;
                \t"PID" = 4242;
                \t"Program" = "/bin/sh";
                \t"ProgramArguments" = (
                \t\t"/bin/sh";
                \t\t"-c";
                \t\t"echo a;b \\"quoted; still\\"";
                \t);
                \t"Sockets" = {
                \t\t"Listeners" = (
                \t\t\tfile-descriptor-object;
                \t\t);
                \t};
                \t"EmptyList" = (
                \t);
                };
                """;
        LabelListing l = ListParser.parseLabel(text);

        assertThat(l.label()).isEqualTo("ai.openclaw.work");
        assertThat(l.pid()).isEqualTo(4242);
        assertThat(l.running()).isTrue();
        assertThat(l.termSignal()).contains(15);
        assertThat(l.exitCode()).isEmpty();
        assertThat(l.programArguments()).containsExactly("/bin/sh", "-c", "echo a;b \"quoted; still\"");
        assertThat(l.raw().get("MachServices")).isEqualTo(Map.of("com.x.port", "mach-port-object"));
        assertThat(l.raw().get("Sockets")).isEqualTo(Map.of("Listeners", List.of("file-descriptor-object")));
        assertThat(l.raw().get("EmptyList")).isEqualTo(List.of());
        @SuppressWarnings("unchecked")
        List<Object> listeners = (List<Object>) ((Map<String, Object>) l.raw().get("Sockets")).get("Listeners");
        assertThatThrownBy(() -> listeners.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void labelWithTypedNumbersAndCrlf() {
        // GNUstep-typed integers come back from dd-plist as Long, plain ones as String
        String text = "{\r\n\t\"Label\" = \"com.x\";\r\n\t\"PID\" = <*I77>;\r\n\t\"LastExitStatus\" = <*I256>;\r\n};\r\n";
        LabelListing l = ListParser.parseLabel(text);

        assertThat(l.pid()).isEqualTo(77);
        assertThat(l.lastExitStatus()).isEqualTo(256);
        assertThat(l.exitCode()).contains(1);
    }

    @Test
    void labelMissingKeysAndUnknownKeys() {
        LabelListing l = ListParser.parseLabel("{\n\t\"Brand new key\" = \"x\";\n\t\"PID\" = \"not a number\";\n};\n");

        assertThat(l.label()).isNull();
        assertThat(l.pid()).isNull();
        assertThat(l.lastExitStatus()).isNull();
        assertThat(l.exitCode()).isEmpty();
        assertThat(l.termSignal()).isEmpty();
        assertThat(l.program()).isNull();
        assertThat(l.programArguments()).isEmpty();
        assertThat(l.raw()).containsEntry("Brand new key", "x");
    }

    @Test
    void labelGarbageThrowsIllegalArgument() {
        assertThatThrownBy(() -> ListParser.parseLabel("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ListParser.parseLabel(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ListParser.parseLabel(sample("print-not-found.txt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not launchctl list <label> output");
        assertThatThrownBy(() -> ListParser.parseLabel("(\n\t\"a\";\n);\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a dictionary");
        assertThatThrownBy(() -> ListParser.parseLabel("{\n\t\"Label\" = \"com.x\";\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void openStepRewriteTouchesOnlySemicolonsOutsideStringsInArraysAndAfterTheRoot() {
        assertThat(ListParser.toOpenStep("{ \"a\" = ( \"x;y\"; \"z\"; ); \"b\" = \"1;\"; };"))
                .isEqualTo("{ \"a\" = ( \"x;y\", \"z\", ); \"b\" = \"1;\"; }");
        assertThat(ListParser.toOpenStep("{ \"a\" = \"q\\\";(\"; \"b\" = (1;); };"))
                .isEqualTo("{ \"a\" = \"q\\\";(\"; \"b\" = (1,); }");
    }

    @Test
    void waitStatusDecoding() {
        assertThat(listing(0).exitCode()).contains(0);
        assertThat(listing(0).termSignal()).isEmpty();
        assertThat(listing(256).exitCode()).contains(1);
        assertThat(listing(19968).exitCode()).contains(78);
        assertThat(listing(9).exitCode()).isEmpty();
        assertThat(listing(9).termSignal()).contains(9);
        // 0x80 is the core-dump bit: SIGSEGV with a core
        assertThat(listing(0x8b).termSignal()).contains(11);
        // WIFSTOPPED, neither an exit nor a termination
        assertThat(listing(0x137f).exitCode()).isEmpty();
        assertThat(listing(0x137f).termSignal()).isEmpty();
        assertThat(listing(-9).termSignal()).contains(9);
        assertThat(listing(-9).exitCode()).isEmpty();
        assertThat(listing(null).exitCode()).isEmpty();
        assertThat(listing(null).termSignal()).isEmpty();
    }

    private static LabelListing listing(Integer status) {
        return new LabelListing("com.x", null, status, null, null, null);
    }
}
