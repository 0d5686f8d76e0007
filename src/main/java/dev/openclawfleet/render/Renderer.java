package dev.openclawfleet.render;

import dev.openclawfleet.model.Report;

/** Turns a report into the text of one output format. */
public sealed interface Renderer permits TextRenderer, JsonRenderer, SarifRenderer, GithubRenderer {
    String render(Report report, RenderOptions options);

    static Renderer of(Format format) {
        return switch (format) {
            case TEXT -> new TextRenderer();
            case JSON -> new JsonRenderer();
            case SARIF -> new SarifRenderer();
            case GITHUB -> new GithubRenderer();
        };
    }
}
