package dev.openclawfleet.model;

import java.util.Locale;

/** How much a finding matters: errors fail a run, warnings fail only with --strict, infos never. */
public enum Severity {
    ERROR, WARNING, INFO;

    /** The lowercase word used in every output format. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
