package dev.openclawfleet.cli;

import dev.openclawfleet.model.ConfigState;
import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.FleetLayout;
import dev.openclawfleet.model.GatewayConfig;
import dev.openclawfleet.model.GatewayPorts;
import dev.openclawfleet.model.Instance;
import dev.openclawfleet.model.LiveStatus;
import dev.openclawfleet.model.Report;
import dev.openclawfleet.model.RuleInfo;
import dev.openclawfleet.provision.AddInstance;
import dev.openclawfleet.provision.Health;
import dev.openclawfleet.provision.Restore;
import dev.openclawfleet.provision.RotateToken;
import dev.openclawfleet.provision.SetPort;
import dev.openclawfleet.render.JsonRenderer;
import dev.openclawfleet.render.JsonSchema;
import dev.openclawfleet.render.ListTable;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The `--format json` output of every command other than lint and audit (whose report is
 * {@link JsonRenderer#REPORT}): one whitelisted schema per command, in one place. Each document
 * starts with {@code schemaVersion} and {@code command}; a key has one type in every command
 * (`port` an integer, `lastExitCode` an integer, paths strings). docs/json-output.md lists them all.
 */
final class CommandJson {
    static final int SCHEMA_VERSION = JsonRenderer.SCHEMA_VERSION;

    private CommandJson() {
    }

    private static String text(Path path) {
        return path == null ? null : path.toString();
    }

    private static Integer pid(Health.Outcome health) {
        return health == null || health.last() == null ? null : health.last().pid();
    }

    // fleet list

    /** What `fleet list` read: its rows, and the audit's notes and problems. */
    record Listing(List<ListTable.Row> rows, Report report) {
    }

    static final JsonSchema<ListTable.Row> LIST_ROW = JsonSchema.<ListTable.Row>of("list-row")
            .string("name", r -> r.instance().name())
            .stringOrNull("label", r -> r.instance().label())
            .string("kind", r -> r.instance().kind().id())
            .string("plist", r -> r.instance().plistPath())
            .integerOrNull("port", r -> r.instance().port())
            .stringOrNull("stateDir", r -> text(r.instance().stateDir()))
            .boolOrNull("loaded", r -> r.live() == null ? null : r.live().loaded())
            .stringOrNull("state", r -> r.live() == null ? null : r.live().state())
            .stringOrNull("status", r -> r.live() == null || r.live().status() == null ? null : r.live().status().id())
            .integerOrNull("pid", r -> r.live() == null ? null : r.live().pid())
            .integerOrNull("runs", r -> r.live() == null ? null : r.live().runs())
            .integerOrNull("lastExitCode", r -> r.live() == null ? null : r.live().lastExitCode())
            .stringOrNull("lastSignal", r -> r.live() == null ? null : r.live().lastSignal())
            .boolOrNull("listening", r -> r.live() == null ? null : r.live().listening())
            .integerOrNull("uptimeSeconds", r -> r.live() == null ? null : r.live().uptimeSeconds())
            .integer("findingCount", ListTable.Row::findings)
            .build();

    static final JsonSchema<Listing> LIST = JsonSchema.<Listing>of("list")
            .integer("schemaVersion", l -> SCHEMA_VERSION)
            .string("command", l -> "list")
            .objects("instances", LIST_ROW, Listing::rows)
            .strings("notes", l -> l.report().notes())
            .strings("problems", l -> l.report().problems())
            .build();

    // fleet status

    /** One instance as `fleet status` shows it. */
    record Status(Instance instance, LiveStatus live, ConfigState config, List<Finding> findings, Report report) {
    }

    static final JsonSchema<GatewayPorts> PORTS = JsonSchema.<GatewayPorts>of("ports")
            .integer("gateway", GatewayPorts::gateway)
            .integer("browserControl", GatewayPorts::browserControl)
            .integer("defaultCdp", GatewayPorts::defaultCdp)
            .build();

    static final JsonSchema<ConfigState> CONFIG = JsonSchema.<ConfigState>of("config")
            .string("path", c -> text(c.path()))
            .string("status", c -> c instanceof ConfigState.Missing ? "missing" : c instanceof ConfigState.Invalid ? "invalid" : "loaded")
            .stringOrNull("problem", c -> c instanceof ConfigState.Invalid i ? i.reason() : null)
            .stringOrNull("mode", c -> loaded(c) == null ? null : loaded(c).mode())
            .integerOrNull("port", c -> loaded(c) == null ? null : loaded(c).port())
            .stringOrNull("bind", c -> loaded(c) == null ? null : loaded(c).bind())
            .stringOrNull("authMode", c -> loaded(c) == null ? null : loaded(c).authMode())
            .stringOrNull("tokenFingerprint", c -> loaded(c) == null || loaded(c).token() == null ? null : loaded(c).token().fingerprint())
            .build();

    private static GatewayConfig loaded(ConfigState state) {
        return state instanceof ConfigState.Loaded l ? l.config() : null;
    }

    static final JsonSchema<Status> STATUS = JsonSchema.<Status>of("status")
            .integer("schemaVersion", s -> SCHEMA_VERSION)
            .string("command", s -> "status")
            .object("instance", JsonRenderer.INSTANCE, s -> new JsonRenderer.Entry(s.instance(), s.live()))
            .objectOrNull("ports", PORTS, s -> s.instance().port() == null ? null : new GatewayPorts(s.instance().port()))
            .stringOrNull("log", s -> s.instance().job().standardOutPath().orElse(null))
            .stringOrNull("errLog", s -> s.instance().job().standardErrorPath().orElse(null))
            .objectOrNull("config", CONFIG, Status::config)
            .objects("findings", JsonRenderer.FINDING, Status::findings)
            .strings("notes", s -> s.report().notes())
            .strings("problems", s -> s.report().problems())
            .build();

    // fleet start, stop, restart

    /** What a lifecycle command did to one instance. */
    record Outcome(Instance instance, boolean ok, String message) {
    }

    /** What a lifecycle command did to all the instances it was given. */
    record Lifecycle(String command, List<Outcome> results, List<String> notes) {
    }

    static final JsonSchema<Outcome> LIFECYCLE_RESULT = JsonSchema.<Outcome>of("lifecycle-result")
            .string("name", o -> o.instance().name())
            .stringOrNull("label", o -> o.instance().label())
            .bool("ok", Outcome::ok)
            .string("message", Outcome::message)
            .build();

    static final JsonSchema<Lifecycle> LIFECYCLE = JsonSchema.<Lifecycle>of("lifecycle")
            .integer("schemaVersion", l -> SCHEMA_VERSION)
            .string("command", Lifecycle::command)
            .objects("results", LIFECYCLE_RESULT, Lifecycle::results)
            .strings("notes", Lifecycle::notes)
            .build();

    // fleet add-instance

    /** What add-instance did (or would do), and the audit that followed (null in a dry run). */
    record Added(AddInstance.Result result, boolean dryRun, boolean started, Report audit) {
    }

    static final JsonSchema<Added> ADD_INSTANCE = JsonSchema.<Added>of("add-instance")
            .integer("schemaVersion", a -> SCHEMA_VERSION)
            .string("command", a -> "add-instance")
            .string("name", a -> a.result().name())
            .string("label", a -> FleetLayout.label(a.result().name()))
            .integer("port", a -> a.result().port())
            .string("stateDir", a -> text(a.result().stateDir()))
            .string("configPath", a -> text(a.result().config()))
            .string("plist", a -> text(a.result().plist()))
            .bool("dryRun", Added::dryRun)
            .strings("plan", a -> a.dryRun() ? a.result().plan() : List.of())
            .strings("droppedCredentials", a -> a.result().droppedCredentials())
            .bool("resumed", a -> a.result().resumed())
            .bool("started", Added::started)
            .boolOrNull("healthy", a -> a.result().health() == null ? null : a.result().healthy())
            .integerOrNull("pid", a -> pid(a.result().health()))
            .stringOrNull("problem", a -> a.result().health() == null || a.result().healthy() ? null : a.result().health().why())
            .objectOrNull("audit", JsonRenderer.REPORT, a -> a.audit() == null ? null : new JsonRenderer.Document(a.audit(), "audit"))
            .build();

    // fleet remove-instance

    /** What remove-instance did. */
    record Removed(String name, String mode, Path archive, List<String> steps) {
    }

    static final JsonSchema<Removed> REMOVE_INSTANCE = JsonSchema.<Removed>of("remove-instance")
            .integer("schemaVersion", r -> SCHEMA_VERSION)
            .string("command", r -> "remove-instance")
            .string("name", Removed::name)
            .string("label", r -> FleetLayout.label(r.name()))
            .string("mode", Removed::mode)
            .stringOrNull("archive", r -> text(r.archive()))
            .strings("steps", Removed::steps)
            .build();

    // fleet backup

    /** The backup written. */
    record BackedUp(String name, Path file, long bytes) {
    }

    static final JsonSchema<BackedUp> BACKUP = JsonSchema.<BackedUp>of("backup")
            .integer("schemaVersion", b -> SCHEMA_VERSION)
            .string("command", b -> "backup")
            .string("name", BackedUp::name)
            .string("label", b -> FleetLayout.label(b.name()))
            .string("file", b -> text(b.file()))
            .integer("bytes", BackedUp::bytes)
            .build();

    // fleet restore

    /** What restore made, and whether it was started. */
    record Restored(Restore.Result result, boolean started) {
    }

    static final JsonSchema<Restored> RESTORE = JsonSchema.<Restored>of("restore")
            .integer("schemaVersion", r -> SCHEMA_VERSION)
            .string("command", r -> "restore")
            .string("name", r -> r.result().name())
            .string("label", r -> FleetLayout.label(r.result().name()))
            .integer("port", r -> r.result().port())
            .integerOrNull("originalPort", r -> r.result().originalPort())
            .string("stateDir", r -> text(r.result().stateDir()))
            .string("configPath", r -> text(r.result().config()))
            .string("plist", r -> text(r.result().plist()))
            .bool("newToken", r -> r.result().newToken())
            .bool("started", Restored::started)
            .boolOrNull("healthy", r -> r.result().health() == null ? null : r.result().healthy())
            .integerOrNull("pid", r -> pid(r.result().health()))
            .stringOrNull("problem", r -> r.result().health() == null || r.result().healthy() ? null : r.result().health().why())
            .build();

    // fleet rules

    static final JsonSchema<RuleInfo> RULE = JsonSchema.<RuleInfo>of("rule")
            .string("id", RuleInfo::id)
            .string("severity", r -> r.severity().id())
            .string("scope", r -> r.scope().name().toLowerCase(Locale.ROOT))
            .string("description", RuleInfo::summary)
            .string("fix", RuleInfo::fix)
            .build();

    static final JsonSchema<List<RuleInfo>> RULES = JsonSchema.<List<RuleInfo>>of("rules")
            .integer("schemaVersion", r -> SCHEMA_VERSION)
            .string("command", r -> "rules")
            .objects("rules", RULE, r -> r)
            .build();

    // fleet rotate-token

    static final JsonSchema<RotateToken.Result> ROTATE_TOKEN = JsonSchema.<RotateToken.Result>of("rotate-token")
            .integer("schemaVersion", r -> SCHEMA_VERSION)
            .string("command", r -> "rotate-token")
            .string("name", RotateToken.Result::name)
            .string("label", r -> FleetLayout.label(r.name()))
            .string("tokenFingerprint", RotateToken.Result::fingerprint)
            .string("configPath", r -> text(r.config()))
            .stringOrNull("backup", r -> text(r.backup()))
            .bool("restarted", r -> r.restart() != null)
            .boolOrNull("ok", r -> r.restart() == null ? null : r.restart().ok())
            .stringOrNull("message", r -> r.restart() == null ? null : r.restart().message())
            .build();

    // fleet set-port

    static final JsonSchema<SetPort.Result> SET_PORT = JsonSchema.<SetPort.Result>of("set-port")
            .integer("schemaVersion", r -> SCHEMA_VERSION)
            .string("command", r -> "set-port")
            .string("name", SetPort.Result::name)
            .string("label", r -> FleetLayout.label(r.name()))
            .integerOrNull("from", SetPort.Result::from)
            .integer("to", SetPort.Result::to)
            .bool("changed", r -> !r.written().isEmpty())
            .strings("written", r -> r.written().stream().map(Path::toString).toList())
            .stringOrNull("backupDir", r -> text(r.backupDir()))
            .strings("warnings", SetPort.Result::warnings)
            .bool("restarted", r -> r.restart() != null)
            .boolOrNull("ok", r -> r.restart() == null ? null : r.restart().ok())
            .stringOrNull("message", r -> r.restart() == null ? null : r.restart().message())
            .build();

    /** Every command schema, for the docs test: the documents, then the objects inside them. */
    static List<JsonSchema<?>> all() {
        return List.of(JsonRenderer.REPORT, JsonRenderer.INSTANCE, JsonRenderer.LIVE, JsonRenderer.FINDING, JsonRenderer.SUMMARY,
                LIST, LIST_ROW, STATUS, PORTS, CONFIG, LIFECYCLE, LIFECYCLE_RESULT, ADD_INSTANCE, REMOVE_INSTANCE, BACKUP, RESTORE,
                RULES, RULE, ROTATE_TOKEN, SET_PORT);
    }
}
