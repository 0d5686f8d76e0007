package dev.openclawfleet.render;

import dev.openclawfleet.model.Severity;

/** ANSI styling that turns into plain text when colour is off. */
record Style(boolean on) {
    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";
    private static final String GREEN = "\u001b[32m";

    String wrap(String code, String text) {
        return on ? code + text + RESET : text;
    }

    String bold(String t) {
        return wrap(BOLD, t);
    }

    String dim(String t) {
        return wrap(DIM, t);
    }

    String red(String t) {
        return wrap(RED, t);
    }

    String yellow(String t) {
        return wrap(YELLOW, t);
    }

    String green(String t) {
        return wrap(GREEN, t);
    }

    String severity(Severity severity, String t) {
        return switch (severity) {
            case ERROR -> wrap(RED + BOLD, t);
            case WARNING -> wrap(YELLOW, t);
            case INFO -> wrap(CYAN, t);
        };
    }
}
