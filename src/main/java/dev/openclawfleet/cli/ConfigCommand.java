package dev.openclawfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.openclawfleet.model.ExitCodes;
import dev.openclawfleet.model.FleetException;
import dev.openclawfleet.model.Text;
import dev.openclawfleet.provision.ConfigEdits;
import dev.openclawfleet.provision.FleetEnv;
import dev.openclawfleet.provision.InstanceConfig;
import dev.openclawfleet.provision.InstanceSettings;
import dev.openclawfleet.render.Json;
import dev.openclawfleet.state.ConfigReader;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** `fleet config NAME get|set|unset KEY [VALUE]`: one key of an instance's openclaw.json; secrets masked, backups kept. */
final class ConfigCommand implements Subcommand {
    @Override
    public CommandSpec spec(CliDefaults defaults) {
        CommandSpec spec = Specs.command(this, "config", "Get, set or unset one key of an instance's openclaw.json.",
                "Read or change one key of an instance's config (dotted keys; VALUE is JSON, anything else a string). Secrets are "
                        + "masked on get. Set and unset write it atomically (mode 0600) after copying it into "
                        + "<root>/.trash/config-<timestamp>/, and keep its JSON5 comments. The gateway reads it at its next restart.");
        spec.addPositional(Specs.positional("0", "1", "NAME", "The instance."));
        spec.addPositional(Specs.positional("1", "1", "get|set|unset", "What to do."));
        spec.addPositional(Specs.positional("2", "1", "KEY", "A dotted key, e.g. gateway.bind or agents.defaults.model."));
        spec.addPositional(Specs.positional("3", "0..1", "VALUE",
                "For set: JSON (18809, true, \"x\", {...}); anything that is not JSON is a string; - reads it from stdin."));
        spec.addOption(Specs.flag("Take VALUE as a string even when it looks like JSON (e.g. \"true\").", "--string"));
        FleetDirs.addTo(spec, defaults);
        LaunchdOptions.addTo(spec, defaults, LaunchdOptions.Use.NONE);
        Specs.standard(spec);
        Specs.examples(spec, "fleet config luca get gateway", "fleet config luca set agents.defaults.model minimax/minimax-m2.5",
                "fleet config luca set gateway.bind loopback", "fleet config critic set channels.telegram.botToken -   (value on stdin)",
                "fleet config luca unset channels.whatsapp");
        return spec;
    }

    @Override
    public int call(Args args) throws IOException {
        CliContext context = args.context();
        String name = args.positional(0);
        String action = args.positional(1);
        String key = args.positional(2);
        String value = args.positional(3);
        FleetEnv env = FleetEnvs.filesOnly(args);
        ConfigEdits.keyPath(key);
        switch (action) {
            case "get" -> {
                requireNoValue(action, value);
                Optional<JsonNode> got = InstanceSettings.get(env, name, key);
                if (got.isEmpty()) {
                    context.err().println(key + " is not set in " + name + "'s config");
                    return ExitCodes.FINDINGS;
                }
                context.out().print(Json.pretty(got.get()));
                return ExitCodes.OK;
            }
            case "set" -> {
                if (value == null) {
                    throw FleetException.usage("set needs a VALUE (JSON, a plain string, or - to read it from stdin)");
                }
                boolean secret = InstanceConfig.isSecretKey(ConfigEdits.keyPath(key).get(ConfigEdits.keyPath(key).size() - 1));
                if (secret && !value.equals("-")) {
                    throw FleetException.usage(key + " holds a secret, and a secret on the command line is visible to every user in `ps`"
                            + " and stays in your shell history: pass - and give the value on stdin"
                            + (key.equals("gateway.auth.token") ? " (or let `fleet rotate-token " + name + "` make a new one)" : ""));
                }
                String text = value.equals("-") ? stdin(context) : value;
                report(context, InstanceSettings.set(env, name, key, parse(text, args.flag("--string"))));
                return ExitCodes.OK;
            }
            case "unset" -> {
                requireNoValue(action, value);
                InstanceSettings.Changed changed = InstanceSettings.unset(env, name, key);
                if (!changed.changed()) {
                    context.err().println(key + " was not set in " + changed.config() + "; nothing was changed");
                    return ExitCodes.OK;
                }
                report(context, changed);
                return ExitCodes.OK;
            }
            default -> throw FleetException.usage("the action must be get, set or unset, not '" + Text.printable(action, 20) + "'");
        }
    }

    private static void requireNoValue(String action, String value) {
        if (value != null) {
            throw FleetException.usage(action + " takes no VALUE");
        }
    }

    /** JSON when it parses as JSON (JSON5 too), else the text as a string; --string forces a string. */
    private static JsonNode parse(String text, boolean string) {
        if (string) {
            return JsonNodeFactory.instance.textNode(text);
        }
        try {
            JsonNode node = ConfigReader.json5().readTree(text);
            return node == null || node.isMissingNode() ? JsonNodeFactory.instance.textNode(text) : node;
        } catch (IOException e) {
            return JsonNodeFactory.instance.textNode(text);
        }
    }

    private static String stdin(CliContext context) throws IOException {
        byte[] bytes = context.in().readNBytes(64 * 1024 + 1);
        if (bytes.length > 64 * 1024) {
            throw FleetException.usage("the value on stdin is over 64 KiB");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.endsWith("\r\n") ? text.substring(0, text.length() - 2) : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static void report(CliContext context, InstanceSettings.Changed changed) {
        if (!changed.changed()) {
            context.err().println(changed.key() + " already has that value in " + changed.config() + "; nothing was changed");
            return;
        }
        context.err().println((changed.created() ? "created " : "wrote ") + changed.config() + " (mode 0600)"
                + (changed.backup() == null ? "" : "; the old file is in " + changed.backup()));
        if (changed.commentsLost()) {
            context.err().println("note: its JSON5 comments could not be kept (the file was written out as plain JSON); the backup has them");
        }
        context.err().println("the gateway reads it when it starts: `fleet restart " + changed.name() + "`");
    }
}
