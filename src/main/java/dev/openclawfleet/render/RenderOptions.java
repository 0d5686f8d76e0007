package dev.openclawfleet.render;

/** How to render: which command produced the report, colour, and quiet mode (text only). */
public record RenderOptions(String command, boolean color, boolean quiet) {
}
