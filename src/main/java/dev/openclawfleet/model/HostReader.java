package dev.openclawfleet.model;

import java.util.List;
import java.util.Map;

/**
 * Where a host's facts come from: this Mac's file system and programs, or another Mac through the
 * SSH collector. The audit asks in rounds, each round's queries following from what the earlier
 * ones found, and never knows which reader answered.
 */
public interface HostReader {
    HostIdentity identity();

    /** An answer to every query (a failure is an answer too: a missing file, a program that failed). */
    Map<HostQuery, HostAnswer> answer(List<HostQuery> queries);
}
