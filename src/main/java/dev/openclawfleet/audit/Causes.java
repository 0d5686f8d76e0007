package dev.openclawfleet.audit;

import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Severity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * One mistake makes many findings: two plists on one state dir give duplicate-state-dir, and with
 * it duplicate-token, lock-collision, port-mismatch and a crash loop. After every rule ran, this
 * gives each finding a stable id and links each consequence to the root finding it follows from
 * ({@code causedBy}, always the root of the chain). The rules stay pure and know nothing of each
 * other; the links live here, in one table.
 *
 * <p>A finding can only be caused by a finding of a lower rank: per-instance roots (a missing
 * token, a broken config, a plist launchd refuses) come first, then clashes between jobs, then what
 * a clash does (a taken port, a shared lock), then what launchd shows (a crash loop, a job that is
 * not running). Of several possible causes the lowest rank wins, then report order. Infos are
 * never linked, and neither is a stale lock whose pid is dead (OpenClaw takes such a lock over).
 */
public final class Causes {
    /** What must hold between the two findings' instances. */
    enum Match {
        /** Every instance of the consequence is one of the root's. */
        WITHIN,
        /** The consequence's instance and the instance holding its port (evidence {@code heldBy}) are both the root's. */
        HOLDER_WITHIN
    }

    private record Link(String consequence, String root, Match match) {
    }

    /** What keeps a gateway from starting, in the order a start meets it: the program, its state, its config. */
    private static final List<String> BREAKS_THE_START = List.of("program-arguments", "program-not-absolute", "unexpanded-path",
            "port-invalid", "state-dir-missing", "service-env-invalid", "config-missing", "config-invalid", "config-env-missing",
            "gateway-mode", "token-missing");
    private static final List<String> SYMPTOMS = List.of("crash-loop", "not-running", "port-not-listening");
    private static final Map<String, Integer> RANK = ranks();
    private static final List<Link> LINKS = links();
    /** The indexes in {@link #LINKS} of each consequence's links, in table order. */
    private static final Map<String, List<Integer>> LINKS_OF = linksOf();

    private Causes() {
    }

    private static Map<String, Integer> ranks() {
        Map<String, Integer> rank = new HashMap<>();
        BREAKS_THE_START.forEach(r -> rank.put(r, 0));
        for (String r : List.of("plist-permissions", "run-at-load", "keep-alive")) {
            rank.put(r, 0);
        }
        for (String r : List.of("unmanaged-gateway", "stale-lock", "legacy-service", "duplicate-state-dir", "duplicate-port")) {
            rank.put(r, 1);
        }
        for (String r : List.of("lock-collision", "port-taken", "duplicate-token", "port-mismatch")) {
            rank.put(r, 2);
        }
        for (String r : List.of("crash-loop", "not-running", "port-not-listening", "not-loaded")) {
            rank.put(r, 3);
        }
        return Map.copyOf(rank);
    }

    private static Map<String, List<Integer>> linksOf() {
        Map<String, List<Integer>> out = new HashMap<>();
        for (int l = 0; l < LINKS.size(); l++) {
            out.computeIfAbsent(LINKS.get(l).consequence(), k -> new ArrayList<>()).add(l);
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(out);
    }

    /** The table, most specific causes first within each rank. */
    private static List<Link> links() {
        List<Link> out = new ArrayList<>();
        for (String symptom : SYMPTOMS) {
            BREAKS_THE_START.forEach(root -> out.add(new Link(symptom, root, Match.WITHIN)));
        }
        out.add(new Link("not-loaded", "plist-permissions", Match.WITHIN));
        out.add(new Link("not-running", "run-at-load", Match.WITHIN));
        out.add(new Link("not-running", "keep-alive", Match.WITHIN));
        for (String symptom : SYMPTOMS) {
            out.add(new Link(symptom, "unmanaged-gateway", Match.WITHIN));
            out.add(new Link(symptom, "stale-lock", Match.WITHIN));
        }
        // An old job fighting an instance over its state dir or port: what happens to the two of them.
        for (String c : List.of("crash-loop", "not-running", "port-not-listening", "port-taken", "lock-collision", "duplicate-token",
                "port-mismatch")) {
            out.add(new Link(c, "legacy-service", Match.WITHIN));
        }
        // Two plists on one state dir share its config (token, port) and its lock.
        for (String c : List.of("duplicate-token", "lock-collision")) {
            out.add(new Link(c, "duplicate-state-dir", Match.WITHIN));
        }
        for (String c : List.of("port-mismatch", "port-taken", "crash-loop", "not-running", "port-not-listening")) {
            out.add(new Link(c, "duplicate-state-dir", Match.WITHIN));
        }
        out.add(new Link("port-taken", "duplicate-port", Match.HOLDER_WITHIN));
        for (String symptom : SYMPTOMS) {
            out.add(new Link(symptom, "duplicate-port", Match.WITHIN));
            out.add(new Link(symptom, "lock-collision", Match.WITHIN));
            out.add(new Link(symptom, "port-taken", Match.WITHIN));
        }
        return List.copyOf(out);
    }

    /**
     * The findings, in the same order, each with its id and, for a consequence, the id of its root.
     * Ids are the rule and 8 hex digits of a hash of the rule, path, key and instances (not the
     * message, which may name a pid or a count that changes between runs), with {@code -2},
     * {@code -3}... for findings that would otherwise share one.
     */
    public static List<Finding> link(List<Finding> findings) {
        String[] bases = new String[findings.size()];
        // Each hash is independent of the others: 10,000 findings' hashes are spread over the cores.
        (findings.size() < PARALLEL_FROM ? IntStream.range(0, bases.length) : IntStream.range(0, bases.length).parallel())
                .forEach(i -> bases[i] = findings.get(i).rule() + "-" + hash(findings.get(i), SHA256.get()));
        List<Finding> identified = new ArrayList<>(findings.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < bases.length; i++) {
            String base = bases[i];
            int n = seen.merge(base, 1, Integer::sum);
            identified.add(findings.get(i).identified(n == 1 ? base : base + "-" + n, null));
        }
        List<Finding> out = new ArrayList<>(identified);
        Map<String, List<Integer>> byRule = new HashMap<>();
        for (int i = 0; i < out.size(); i++) {
            byRule.computeIfAbsent(out.get(i).rule(), k -> new ArrayList<>()).add(i);
        }
        // Lower ranks first, so that a cause's own root is known before its consequences are linked.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < identified.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Integer.compare(rank(identified.get(a)), rank(identified.get(b))));
        for (int i : order) {
            Finding f = out.get(i);
            Finding root = cause(f, out, byRule);
            if (root != null) {
                out.set(i, f.identified(f.id(), root.causedBy() != null ? root.causedBy() : root.id()));
            }
        }
        return out;
    }

    /** The best root for a consequence: only the findings of the rules its links name are looked at. */
    private static Finding cause(Finding consequence, List<Finding> all, Map<String, List<Integer>> byRule) {
        if (!linkable(consequence)) {
            return null;
        }
        Finding best = null;
        int bestRank = Integer.MAX_VALUE;
        int bestLink = Integer.MAX_VALUE;
        for (int l : LINKS_OF.getOrDefault(consequence.rule(), List.of())) {
            Link link = LINKS.get(l);
            for (int index : byRule.getOrDefault(link.root(), List.of())) {
                Finding candidate = all.get(index);
                if (candidate == consequence || !linkable(candidate) || rank(candidate) >= rank(consequence)
                        || !matches(link.match(), consequence, candidate)) {
                    continue;
                }
                int r = rank(candidate);
                if (r < bestRank || (r == bestRank && l < bestLink)) {
                    best = candidate;
                    bestRank = r;
                    bestLink = l;
                }
            }
        }
        return best;
    }

    private static boolean linkable(Finding f) {
        if (f.severity() == Severity.INFO || !RANK.containsKey(f.rule())) {
            return false;
        }
        // A lock whose pid is dead is taken over at the next start: it explains nothing.
        return !(f.rule().equals("stale-lock") && f.severity() != Severity.ERROR);
    }

    private static boolean matches(Match match, Finding consequence, Finding root) {
        Set<String> rootNames = Set.copyOf(root.instances());
        return switch (match) {
            case WITHIN -> !consequence.instances().isEmpty() && rootNames.containsAll(consequence.instances());
            case HOLDER_WITHIN -> rootNames.containsAll(consequence.instances()) && consequence.evidence("heldBy") != null
                    && rootNames.contains(consequence.evidence("heldBy"));
        };
    }

    private static int rank(Finding f) {
        return RANK.getOrDefault(f.rule(), Integer.MAX_VALUE);
    }

    private static String hash(Finding f, MessageDigest sha256) {
        StringBuilder text = new StringBuilder(f.rule()).append('\0').append(f.path() == null ? "" : f.path()).append('\0')
                .append(f.key() == null ? "" : f.key().toString()).append('\0');
        List<String> names = f.instances();
        if (names.size() == 1) {
            text.append(names.get(0)).append('\0');
        } else if (names.size() == 2 && !names.get(0).equals(names.get(1))) { // a pair, the common case: no set needed
            boolean inOrder = names.get(0).compareTo(names.get(1)) < 0;
            text.append(names.get(inOrder ? 0 : 1)).append('\0').append(names.get(inOrder ? 1 : 0)).append('\0');
        } else {
            new TreeSet<>(names).forEach(name -> text.append(name).append('\0'));
        }
        byte[] digest = sha256.digest(text.toString().getBytes(StandardCharsets.UTF_8)); // digest() also resets it
        return HEX.formatHex(digest, 0, 4);
    }

    private static final HexFormat HEX = HexFormat.of();
    private static final int PARALLEL_FROM = 64;
    /**
     * One digest per thread: looking the algorithm up costs more than hashing a finding. Made on
     * first use, so a run without findings never starts the JDK's security providers (some 15 ms
     * of a clean lint's start).
     */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Causes::sha256);

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
