package dev.openclawfleet.render;

import dev.openclawfleet.model.HostsReport;
import dev.openclawfleet.model.Report;

import java.util.function.Consumer;

/** Turns a report into the text of one output format. */
public sealed interface Renderer permits TextRenderer, JsonRenderer, SarifRenderer, GithubRenderer {
    String render(Report report, RenderOptions options);

    /** The same output handed to {@code sink} (once, or a piece at a time where a format can). */
    default void render(Report report, RenderOptions options, Consumer<String> sink) {
        sink.accept(render(report, options));
    }

    /**
     * The audit of several Macs as one output; formats with no place for a host (SARIF, GitHub)
     * get one report whose messages start with {@code [host]}.
     */
    default String render(HostsReport report, RenderOptions options) {
        return render(report.flattened(), options);
    }

    static Renderer of(Format format) {
        return switch (format) {
            case TEXT -> new TextRenderer();
            case JSON -> new JsonRenderer();
            case SARIF -> new SarifRenderer();
            case GITHUB -> new GithubRenderer();
        };
    }
}
