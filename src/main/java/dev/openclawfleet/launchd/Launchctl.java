package dev.openclawfleet.launchd;

import dev.openclawfleet.model.LabelListing;
import dev.openclawfleet.model.ListEntry;
import dev.openclawfleet.model.ServiceRecord;
import dev.openclawfleet.system.ProcessRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The launchctl facade: every call goes through the process seam with a timeout, and every
 * failure is classified and turned into a message that says what to do. Commands address the
 * domain {@code gui/<uid>} (or {@code user/<uid>}).
 */
public final class Launchctl {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** How long, and how often, bootstrap retries errno 5/37 while a previous bootout drains (as OpenClaw does). */
    public static final Duration RETRY_WINDOW = Duration.ofSeconds(30);
    public static final Duration RETRY_EVERY = Duration.ofMillis(500);

    private final ProcessRunner runner;
    private final String domain;
    private final Duration timeout;
    private final Duration retryWindow;

    public Launchctl(ProcessRunner runner, String domain, Duration timeout, Duration retryWindow) {
        this.runner = runner;
        this.domain = domain;
        this.timeout = timeout;
        this.retryWindow = retryWindow;
    }

    /** {@code gui/<uid>} or {@code user/<uid>}. */
    public static String domain(String kind, long uid) {
        return kind + "/" + uid;
    }

    public String domain() {
        return domain;
    }

    public String target(String label) {
        return domain + "/" + label;
    }

    /** The job's record, or empty when launchd does not know the label. */
    public Optional<ServiceRecord> print(String label) {
        ProcessRunner.Result r = call("print", target(label));
        if (r.ok()) {
            return Optional.of(PrintParser.parse(r.stdout()));
        }
        LaunchctlError error = LaunchctlError.classify(r.exitCode(), r.stderr());
        if (error.kind() == LaunchctlError.Kind.NOT_LOADED) {
            return Optional.empty();
        }
        throw failure(error, "print " + target(label), label, null);
    }

    public List<ListEntry> list() {
        ProcessRunner.Result r = call("list");
        if (!r.ok()) {
            throw failure(LaunchctlError.classify(r.exitCode(), r.stderr()), "list", null, null);
        }
        return ListParser.parseTable(r.stdout());
    }

    public Optional<LabelListing> list(String label) {
        ProcessRunner.Result r = call("list", label);
        if (r.ok()) {
            return Optional.of(ListParser.parseLabel(r.stdout()));
        }
        LaunchctlError error = LaunchctlError.classify(r.exitCode(), r.stderr());
        if (error.kind() == LaunchctlError.Kind.NOT_LOADED) {
            return Optional.empty();
        }
        throw failure(error, "list " + label, label, null);
    }

    /** Label to disabled? for every label launchd keeps an override for in this domain. */
    public Map<String, Boolean> printDisabled() {
        ProcessRunner.Result r = call("print-disabled", domain);
        if (!r.ok()) {
            throw failure(LaunchctlError.classify(r.exitCode(), r.stderr()), "print-disabled " + domain, null, null);
        }
        return DisabledParser.parse(r.stdout());
    }

    public void enable(String label) {
        simple(label, "enable", target(label));
    }

    public void disable(String label) {
        simple(label, "disable", target(label));
    }

    /**
     * Loads a plist. launchd answers 5 (Input/output error) while a previous bootout of the same
     * label is still tearing down, and 5 or 37 when the job is already loaded: in both cases we look
     * with print, treat "loaded" as success, and otherwise retry every 500 ms within the retry window.
     */
    public void bootstrap(String label, Path plist) {
        long deadline = System.nanoTime() + retryWindow.toNanos();
        while (true) {
            ProcessRunner.Result r = call("bootstrap", domain, plist.toString());
            if (r.ok()) {
                return;
            }
            LaunchctlError error = LaunchctlError.classify(r.exitCode(), r.stderr());
            boolean transientError = error.kind() == LaunchctlError.Kind.IO_ERROR || error.kind() == LaunchctlError.Kind.IN_PROGRESS;
            if (!transientError) {
                throw failure(error, "bootstrap " + domain + " " + plist, label, plist);
            }
            if (print(label).isPresent()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new LaunchctlException(error, "launchctl bootstrap " + domain + " " + plist + " kept failing with `"
                        + error.message() + "` for " + retryWindow.toSeconds()
                        + " s: a previous instance may still be tearing down, or the plist is invalid (check it with"
                        + " `plutil -lint " + plist + "` and `fleet lint " + plist + "`)");
            }
            sleep(RETRY_EVERY);
        }
    }

    /** Unloads a job; returns false when it was not loaded. */
    public boolean bootout(String label) {
        ProcessRunner.Result r = call("bootout", target(label));
        if (r.ok()) {
            return true;
        }
        LaunchctlError error = LaunchctlError.classify(r.exitCode(), r.stderr());
        if (error.kind() == LaunchctlError.Kind.NOT_LOADED) {
            return false;
        }
        throw failure(error, "bootout " + target(label), label, null);
    }

    /** Starts a loaded job; with {@code kill} restarts a running one. */
    public void kickstart(String label, boolean kill) {
        if (kill) {
            simple(label, "kickstart", "-k", target(label));
        } else {
            simple(label, "kickstart", target(label));
        }
    }

    private void simple(String label, String... args) {
        ProcessRunner.Result r = call(args);
        if (!r.ok()) {
            throw failure(LaunchctlError.classify(r.exitCode(), r.stderr()), String.join(" ", args), label, null);
        }
    }

    private ProcessRunner.Result call(String... args) {
        return runner.run(timeout, "launchctl", args);
    }

    /** One message per kind of failure, saying what to do. */
    LaunchctlException failure(LaunchctlError error, String what, String label, Path plist) {
        return failure(domain, error, what, label, plist);
    }

    /** The failure of {@code launchctl what} in {@code domain}, as one sentence that says what to do. */
    public static LaunchctlException failure(String domain, LaunchctlError error, String what, String label, Path plist) {
        String uid = domain.substring(domain.indexOf('/') + 1);
        String message = switch (error.kind()) {
            case NO_DOMAIN -> "launchd has no " + domain + " domain here (" + error.message() + "): LaunchAgents live in"
                    + " a GUI login session, which SSH and sudo do not have. Log in at the Mac (or keep a login session"
                    + " open), or use --domain user to address the user/" + uid + " domain instead";
            case BAD_PERMISSIONS -> "launchd refuses " + (plist == null ? "the plist" : plist) + " (error 122, bad ownership"
                    + " or permissions): run `chmod 644` on it and make sure you own it (`sudo chown \"$USER\"`)";
            case MISSING_PROGRAM -> "launchd refuses " + (plist == null ? "the plist" : plist) + " (error 111): its"
                    + " Program/ProgramArguments is missing or invalid; `fleet lint` shows what is wrong";
            case DISABLED -> (label == null ? "the job" : label) + " is disabled (error 119): run `launchctl enable "
                    + domain + "/" + (label == null ? "LABEL" : label) + "` first (`fleet start` does this for you)";
            case NOT_LOADED -> "launchd does not know " + (label == null ? "the job" : label) + " (" + error.message() + ")";
            default -> "launchctl " + what + " failed with error " + error.exitCode() + ": " + error.message();
        };
        return new LaunchctlException(error, message);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
