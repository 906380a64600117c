package dev.netmark.measurements.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.MetricSource.Coverage;
import dev.netmark.api.MetricSource.Histogram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusTextParserTest {

  private static String resource(String name) throws IOException {
    try (var in = PrometheusTextParserTest.class.getResourceAsStream("/PrometheusText/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void parsesEverySampleOfAShimScrape() throws IOException {
    List<Sample> samples = PrometheusTextParser.parse(resource("shim-sample.txt"));

    assertThat(samples).hasSize(16);
    assertThat(samples.get(0))
        .isEqualTo(
            new Sample("netmark_cni_add_duration_seconds_bucket", Map.of("le", "1.0E-3"), 0));
    assertThat(samples.get(3))
        .isEqualTo(new Sample("netmark_cni_add_duration_seconds_bucket", Map.of("le", "+Inf"), 6));
    assertThat(samples.get(12).value()).isEqualTo(2.0);
    assertThat(samples.get(14).labels())
        .containsEntry("version", "0.1 \"dev\"")
        .containsEntry("path", "C:\\x")
        .containsEntry("note", "a\nb");
    assertThat(samples.get(15).value()).isNaN();
  }

  @Test
  void sumsBucketsOfMatchingSeries() throws IOException {
    List<Sample> samples = PrometheusTextParser.parse(resource("shim-sample.txt"));
    Coverage coverage = new Coverage(1, Map.of());

    Histogram all = Histograms.sum("netmark_probe_duration_seconds", Map.of(), samples, coverage);
    Histogram service =
        Histograms.sum(
            "netmark_probe_duration_seconds", Map.of("target", "service"), samples, coverage);
    Histogram add = Histograms.sum("netmark_cni_add_duration_seconds", Map.of(), samples, coverage);

    assertThat(all.upperBounds()).containsExactly(0.001, Double.POSITIVE_INFINITY);
    assertThat(all.cumulativeCounts()).containsExactly(4, 8);
    assertThat(all.sum()).isEqualTo(0.0271, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(service.cumulativeCounts()).containsExactly(1, 4);
    assertThat(add.upperBounds()).containsExactly(0.001, 0.03, 0.05, Double.POSITIVE_INFINITY);
    assertThat(add.cumulativeCounts()).containsExactly(0, 2, 5, 6);
    assertThat(add.count()).isEqualTo(6);
    assertThat(add.sum()).isEqualTo(0.312);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{le=\"1\"} 3|metrics line 1: expected a metric name",
        "m{le=\"1\" 3|metrics line 1: expected , or } after label le",
        "m{le=1} 3|metrics line 1: expected =\"value\" after label le",
        "m{le=\"1\"}|metrics line 1: expected a value after the labels",
        "m{le=\"1\"} abc|metrics line 1: expected a number, found 'abc'",
        "m{le=\"1} 3|metrics line 1:",
      })
  void rejectsMalformedLinesNamingTheLine(String line, String message) {
    assertThatThrownBy(() -> PrometheusTextParser.parse(line))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void namesTheLineNumberOfALaterBadLine() {
    assertThatThrownBy(() -> PrometheusTextParser.parse("# ok\nm 1\n\nm{x=\"y\"} nope\n"))
        .hasMessageStartingWith("metrics line 4: expected a number, found 'nope'");
  }
}
