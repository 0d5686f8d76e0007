package dev.openclawfleet.fix;

import dev.openclawfleet.provision.FileChange;

import java.nio.file.Path;
import java.util.List;

/** One thing a fix step does to this Mac: a mode, a file, a move to the backup folder, a launchctl call, a process, a start. */
public sealed interface Action permits Action.Chmod, Action.Write, Action.Trash, Action.Launchctl, Action.StopProcess, Action.Migrate,
        Action.FinishAdd, Action.Start {

    /** The kind, as in the JSON plan: chmod, write, trash, launchctl, stop, migrate, finish-add, start. */
    String type();

    /** One line for the printed plan; never a secret. */
    String describe();

    /** A file's or folder's permission bits from {@code from} to {@code to}, never through a link. */
    record Chmod(Path path, int from, int to, boolean directory) implements Action {
        @Override
        public String type() {
            return "chmod";
        }

        @Override
        public String describe() {
            return String.format("chmod  %04o -> %04o  %s", from, to, path);
        }
    }

    /** A file written atomically with its final mode (created when it did not exist). */
    record Write(FileChange change) implements Action {
        @Override
        public String type() {
            return "write";
        }

        @Override
        public String describe() {
            return "write  " + change.octal() + "  " + change.path() + (change.what().isEmpty() ? "" : "  (" + String.join("; ", change.what()) + ")")
                    + (change.commentsLost() ? "  [its JSON5 comments cannot be kept: the backup has them]" : "");
        }
    }

    /** A file or folder moved into the backup folder (nothing is deleted). */
    record Trash(Path path, String why) implements Action {
        @Override
        public String type() {
            return "trash";
        }

        @Override
        public String describe() {
            return "move   " + path + " to the backup folder  (" + why + ")";
        }
    }

    /** One launchctl call, e.g. {@code [bootout, gui/501/com.clawdbot.gateway]}; {@code stops} names the process it ends, if any. */
    record Launchctl(List<String> args, String stops) implements Action {
        public Launchctl {
            args = List.copyOf(args);
        }

        @Override
        public String type() {
            return "launchctl";
        }

        @Override
        public String describe() {
            return "launchctl " + String.join(" ", args) + (stops == null ? "" : "  (stops " + stops + ")");
        }
    }

    /** A gateway outside launchd stopped: SIGTERM, SIGKILL after {@code graceSeconds}; only if the pid still runs {@code command}. */
    record StopProcess(long pid, String command, int graceSeconds) implements Action {
        @Override
        public String type() {
            return "stop";
        }

        @Override
        public String describe() {
            return "stop   pid " + pid + " (`" + command + "`): SIGTERM, SIGKILL after " + graceSeconds + " s if it is still there";
        }
    }

    /** The container root's own state moved into an instance of its own (see {@link RootMigration}). */
    record Migrate(RootMigration.Plan plan) implements Action {
        @Override
        public String type() {
            return "migrate";
        }

        @Override
        public String describe() {
            return String.join("\n", plan.describe());
        }
    }

    /** An interrupted `fleet add-instance NAME` finished (it resumes from its provisioning marker). */
    record FinishAdd(String name, String node, String entry, int port) implements Action {
        @Override
        public String type() {
            return "finish-add";
        }

        @Override
        public String describe() {
            return "finish `fleet add-instance " + name + "` (port " + port + "): write what is missing, launchctl enable and bootstrap,"
                    + " wait until it listens, remove its provisioning marker";
        }
    }

    /**
     * An instance started or restarted, then waited for until its own process listens, as `fleet start`
     * and `fleet restart` do; {@code calls} are the launchctl calls it makes.
     */
    record Start(String name, String label, Path plist, Integer port, List<String> calls, String why) implements Action {
        public Start {
            calls = List.copyOf(calls);
        }

        @Override
        public String type() {
            return "start";
        }

        @Override
        public String describe() {
            return String.join("; ", calls.stream().map(c -> "launchctl " + c).toList()) + "; then wait until " + label + " listens"
                    + (port == null ? "" : " on 127.0.0.1:" + port) + "  (" + why + ")";
        }
    }
}
