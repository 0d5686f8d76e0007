package dev.openclawfleet.docs;

import dev.openclawfleet.audit.RuleCatalog;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.testing.CliRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The docs keep up with the code: every rule id, every command and every JSON key is documented. */
class DocsTest {
    @Test
    void everyRuleIdHasItsSectionInCatalogOrder() throws Exception {
        String rules = Files.readString(Path.of("docs/rules.md"));
        Matcher headings = Pattern.compile("(?m)^### ([a-z-]+)$").matcher(rules);
        List<String> documented = new java.util.ArrayList<>();
        while (headings.find()) {
            documented.add(headings.group(1));
        }
        assertThat(documented).containsExactlyElementsOf(RuleCatalog.all().stream().map(RuleInfo::id).toList());
        for (RuleInfo rule : RuleCatalog.all()) {
            String section = rules.substring(rules.indexOf("### " + rule.id() + "\n"));
            section = section.substring(0, Math.max(section.indexOf("\n### ", 4), 0) > 0 ? section.indexOf("\n### ", 4) : section.length());
            assertThat(section).as(rule.id()).contains("**Severity:**").contains(rule.severity().id()).contains("**Fix:**").contains("**Example");
        }
    }

    @Test
    void everyCommandHasAPageAndIsInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String help = new CliRun().run("--help").out();
        for (String command : List.of("lint", "audit", "add-instance", "remove-instance", "list", "status", "start", "stop", "restart",
                "logs", "backup", "restore", "use", "generate", "rules", "completion", "metrics", "monitor", "fix", "config", "rotate-token",
                "set-port")) {
            assertThat(help).as("--help lists " + command).contains("  " + command + " ");
            assertThat(readme).as("README mentions " + command).contains("fleet " + command);
            String docs;
            try (var pages = Files.list(Path.of("docs/commands"))) {
                docs = pages.map(p -> {
                    try {
                        return Files.readString(p);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).reduce("", String::concat);
            }
            assertThat(docs).as("docs/commands documents " + command).contains("fleet " + command);
        }
        assertThat(readme).startsWith("# openclaw-fleet\n\n```sh\n./fleet.sh lint launchagents").contains("\nmvn -B verify ");
    }

    @Test
    void theJsonDocumentNamesEveryKeyTheRendererWrites() throws Exception {
        String doc = Files.readString(Path.of("docs/json-output.md"));
        for (String key : List.of("schemaVersion", "command", "instances", "findings", "notes", "problems", "summary", "name", "label",
                "kind", "plist", "port", "stateDir", "live", "loaded", "state", "pid", "runs", "lastExitCode", "lastSignal", "listening",
                "uptimeSeconds", "status", "listenerPid", "listenerIsJob", "id", "causedBy", "rule", "severity", "path", "key", "line", "column", "message", "fix", "errors", "warnings", "infos")) {
            assertThat(doc).as(key).contains("`" + key + "`");
        }
    }

    @Test
    void helpShowsTheExitCodes() {
        String help = new CliRun().run("--help").out();
        assertThat(help).contains("Exit codes:").contains("0   no error findings").contains("3   operational failure");
        assertThat(new CliRun().run("lint", "--help").out()).contains("--format").contains("--strict").contains("--ignore");
    }
}
