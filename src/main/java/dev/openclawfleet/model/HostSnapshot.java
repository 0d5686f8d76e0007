package dev.openclawfleet.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the audit read about one host, in one record: the reader's identity and the answer to
 * every query asked (the plists' bytes, configs, env files, state-dir facts and listings, lock
 * files, start records, err-log tails, launchctl, lsof and ps outputs). The parsing and the rules
 * read only this; a local reader or the SSH collector filled it.
 */
public record HostSnapshot(HostIdentity identity, Map<HostQuery, HostAnswer> answers) {
    public HostSnapshot {
        answers = Map.copyOf(answers);
    }

    public static HostSnapshot of(HostIdentity identity) {
        return new HostSnapshot(identity, Map.of());
    }

    /** This snapshot with more answers. */
    public HostSnapshot with(Map<HostQuery, HostAnswer> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<HostQuery, HostAnswer> all = new LinkedHashMap<>(answers);
        all.putAll(more);
        return new HostSnapshot(identity, all);
    }

    public boolean has(HostQuery query) {
        return answers.containsKey(query);
    }

    /** The queries among {@code wanted} that have no answer yet, in order, without repeats. */
    public List<HostQuery> missing(List<? extends HostQuery> wanted) {
        return wanted.stream().filter(q -> !answers.containsKey(q)).distinct().map(q -> (HostQuery) q).toList();
    }

    public FileFact file(HostQuery.ReadFile query) {
        return (FileFact) answer(query);
    }

    public FileFact tail(HostQuery.TailFile query) {
        return (FileFact) answer(query);
    }

    public DirListing dir(HostQuery.ListDir query) {
        return (DirListing) answer(query);
    }

    public CommandRun run(HostQuery.Run query) {
        return (CommandRun) answer(query);
    }

    private HostAnswer answer(HostQuery query) {
        HostAnswer a = answers.get(query);
        if (a == null) {
            throw new IllegalStateException("the host snapshot has no answer to " + query);
        }
        return a;
    }
}
