package dev.openclawfleet.metrics;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exposition format's escaping, number forms and naming rules. */
class PrometheusTextTest {
    @Test
    void labelValuesEscapeBackslashQuoteAndLineFeedOnly() {
        assertThat(PrometheusText.escapeLabelValue("a\\b\"c\nd\te✓")).isEqualTo("a\\\\b\\\"c\\nd\te✓");
        assertThat(PrometheusText.escapeHelp("x\\y\nz\"")).isEqualTo("x\\\\y\\nz\"");
    }

    @Test
    void numbersArePlainDecimals() {
        assertThat(PrometheusText.number(1)).isEqualTo("1");
        assertThat(PrometheusText.number(0)).isEqualTo("0");
        assertThat(PrometheusText.number(-3)).isEqualTo("-3");
        assertThat(PrometheusText.number(0.000123)).isEqualTo("0.000123");
        assertThat(PrometheusText.number(1767225600.5)).isEqualTo("1767225600.5");
        assertThat(PrometheusText.number(Double.NaN)).isEqualTo("NaN");
        assertThat(PrometheusText.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    }

    @Test
    void rendersHelpTypeAndSamples() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("instance", "a\"b");
        labels.put("port", "1");
        String text = PrometheusText.render(List.of(
                new MetricFamily("x_runs_total", MetricFamily.Type.COUNTER, "Runs.", List.of(Sample.of(labels, 3))),
                new MetricFamily("x_up", MetricFamily.Type.GAUGE, "Up.", List.of(Sample.of(1)))));
        assertThat(text).isEqualTo("""
                # HELP x_runs_total Runs.
                # TYPE x_runs_total counter
                x_runs_total{instance="a\\"b",port="1"} 3
                # HELP x_up Up.
                # TYPE x_up gauge
                x_up 1
                """);
    }

    @Test
    void namingRulesAreEnforcedWhenAFamilyIsMade() {
        assertThatThrownBy(() -> new MetricFamily("x_up_total", MetricFamily.Type.GAUGE, "h", List.of()))
                .hasMessageContaining("_total");
        assertThatThrownBy(() -> new MetricFamily("x_runs", MetricFamily.Type.COUNTER, "h", List.of())).hasMessageContaining("_total");
        assertThatThrownBy(() -> new MetricFamily("x-y", MetricFamily.Type.GAUGE, "h", List.of())).hasMessageContaining("name");
        assertThatThrownBy(() -> new MetricFamily("x", MetricFamily.Type.GAUGE, "two\nlines", List.of())).hasMessageContaining("help");
        assertThatThrownBy(() -> Sample.of(Map.of("__name__", "x"), 1)).hasMessageContaining("label");
        assertThatThrownBy(() -> Sample.of(Map.of("a-b", "x"), 1)).hasMessageContaining("label");
    }
}
