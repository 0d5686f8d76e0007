package dev.openclawfleet.cli;

/** The version from the jar's manifest (Maven project version), or "dev" when run from classes. */
final class Version {
    private Version() {
    }

    static String text() {
        String v = Version.class.getPackage().getImplementationVersion();
        return "openclaw-fleet " + (v == null ? "dev" : v);
    }
}
