package dev.openclawfleet.render;

import dev.openclawfleet.model.Finding;
import dev.openclawfleet.model.Position;
import dev.openclawfleet.model.Report;

import java.util.function.Consumer;

/**
 * GitHub Actions workflow commands ({@code ::error file=...,title=...::message}), one per finding,
 * which the runner turns into annotations on the files; then a plain summary line.
 */
public final class GithubRenderer implements Renderer {
    @Override
    public String render(Report report, RenderOptions options) {
        StringBuilder all = new StringBuilder();
        render(report, options, all::append);
        return all.toString();
    }

    /** The same commands, handed to {@code sink} 64 KiB at a time: 10,000 findings are never one string. */
    @Override
    public void render(Report report, RenderOptions options, Consumer<String> sink) {
        StringBuilder out = new StringBuilder(ChunkedWriter.CHUNK + 4096);
        for (Finding f : report.findings()) {
            ChunkedWriter.flushLarge(out, sink);
            String level = switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "notice";
            };
            out.append("::").append(level).append(' ');
            if (f.path() != null) {
                // Without a known position the annotation goes on line 1, which GitHub shows on the file.
                Position at = f.position() == null ? Position.line(1) : f.position();
                out.append("file=").append(property(f.path())).append(",line=").append(at.line());
                if (at.hasColumn()) {
                    out.append(",col=").append(at.column());
                }
                out.append(',');
            }
            out.append("title=").append(property(f.rule())).append("::")
                    .append(data(Summary.withFix(f.message(), f.fix()))).append('\n');
        }
        for (String problem : report.problems()) {
            out.append("::error title=operational problem::").append(data(problem)).append('\n');
        }
        out.append("openclaw-fleet ").append(options.command()).append(": ").append(Summary.of(report)).append('\n');
        sink.accept(out.toString());
    }

    /** Escaping for the message part of a workflow command. */
    static String data(String s) {
        return dev.openclawfleet.model.Text.printable(s, 4000).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escaping for a property value of a workflow command. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
