package dev.openclawfleet.render;

import java.util.Locale;

/** The output formats every reporting command supports. */
public enum Format {
    TEXT, JSON, SARIF, GITHUB;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
