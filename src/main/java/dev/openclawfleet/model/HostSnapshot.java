package dev.openclawfleet.model;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Set;
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
        answers = answers instanceof Layers ? answers : Map.copyOf(answers);
    }

    public static HostSnapshot of(HostIdentity identity) {
        return new HostSnapshot(identity, Map.of());
    }

    /** This snapshot with more answers. */
    public HostSnapshot with(Map<HostQuery, HostAnswer> more) {
        if (more.isEmpty()) {
            return this;
        }
        return new HostSnapshot(identity, Layers.of(answers, Map.copyOf(more)));
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

    /**
     * The answers as the rounds that gave them, newest first (a later answer to the same query wins):
     * a round adds its answers without copying the 40,000 of the rounds before it. Immutable.
     */
    static final class Layers extends AbstractMap<HostQuery, HostAnswer> {
        private final List<Map<HostQuery, HostAnswer>> newestFirst;
        private Set<Map.Entry<HostQuery, HostAnswer>> entries;

        private Layers(List<Map<HostQuery, HostAnswer>> newestFirst) {
            this.newestFirst = newestFirst;
        }

        static Map<HostQuery, HostAnswer> of(Map<HostQuery, HostAnswer> older, Map<HostQuery, HostAnswer> newer) {
            if (older.isEmpty()) {
                return new Layers(List.of(newer));
            }
            List<Map<HostQuery, HostAnswer>> layers = new ArrayList<>();
            layers.add(newer);
            if (older instanceof Layers l) {
                layers.addAll(l.newestFirst);
            } else {
                layers.add(older);
            }
            return new Layers(List.copyOf(layers));
        }

        @Override
        public HostAnswer get(Object key) {
            for (Map<HostQuery, HostAnswer> layer : newestFirst) {
                HostAnswer a = layer.get(key);
                if (a != null) {
                    return a;
                }
            }
            return null;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Set<Map.Entry<HostQuery, HostAnswer>> entrySet() {
            if (entries == null) {
                Map<HostQuery, HostAnswer> all = new HashMap<>();
                for (int i = newestFirst.size() - 1; i >= 0; i--) {
                    all.putAll(newestFirst.get(i));
                }
                entries = Collections.unmodifiableSet(all.entrySet());
            }
            return entries;
        }
    }
}
