package dev.openclawfleet.model;

/**
 * When a job counts as crash-looping: at least {@code runs} spawns since it was loaded, and no
 * process, or one younger than {@code throttles} ThrottleIntervals.
 */
public record LiveThresholds(int runs, int throttles) {
    public static final LiveThresholds DEFAULT = new LiveThresholds(3, 3);
}
