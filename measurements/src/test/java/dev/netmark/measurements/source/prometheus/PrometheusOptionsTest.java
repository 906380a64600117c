package dev.netmark.measurements.source.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.NetmarkException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusOptionsTest {

  @Test
  void defaultsAndEveryOption() {
    PrometheusOptions d = PrometheusOptions.parse(Map.of("url", "http://prom:9090/"));
    assertThat(d.url().toString()).isEqualTo("http://prom:9090");
    assertThat(d.selector()).isEmpty();
    assertThat(d.nodeLabel()).isEqualTo("node");
    assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.scrapeWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.tokenFile()).isNull();

    PrometheusOptions all =
        PrometheusOptions.parse(
            Map.of(
                "url", "https://h/prometheus",
                "selector", "job=\"shims\", cluster=~\"a|b\",",
                "node-label", "kubernetes_node",
                "timeout", "2s",
                "scrape-wait", "0",
                "token-file", "/var/run/token",
                "node-selector", "netmark.dev/node-kind=not-so-hollow, zone=a"));
    assertThat(all.url().toString()).isEqualTo("https://h/prometheus");
    assertThat(all.selector()).isEqualTo("job=\"shims\", cluster=~\"a|b\"");
    assertThat(all.nodeLabel()).isEqualTo("kubernetes_node");
    assertThat(all.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(all.scrapeWait()).isZero();
    assertThat(all.tokenFile()).isEqualTo(Path.of("/var/run/token"));
    assertThat(all.nodeSelector())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("netmark.dev/node-kind", "not-so-hollow", "zone", "a"));
    assertThat(d.nodeSelector()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "port=1 | unknown option 'port', known: [node-label, node-selector, scrape-wait, selector,"
            + " timeout, token-file, url]",
        "node-selector=kind!=hollow | option 'node-selector': 'kind!=hollow' is not key=value",
        "timeout=1s | option 'url' is required",
        "url=prom:9090 | option 'url': expected http(s)://host[:port][/prefix], found 'prom:9090'",
        "url=http://h:90/x?y=1 | option 'url': expected http(s)://host[:port][/prefix]",
        "url=http://h a | option 'url': not a URL: 'http://h a'",
        "selector=job | option 'selector': expected label matchers such as",
        "selector={job=\"a\"} | option 'selector': expected label matchers",
        "selector=job=\"a\"} or up{x=\"1\" | option 'selector': expected label matchers",
        "node-label=no-de | option 'node-label': expected a label name, found 'no-de'",
        "timeout=0 | option 'timeout': must be > 0, found '0'",
        "timeout=soon | option 'timeout': expected a duration such as 500ms",
        "scrape-wait=-1s | option 'scrape-wait': expected a duration",
      })
  void badOptionsAreNamed(String option, String message) {
    String[] kv = option.split("=", 2);
    Map<String, String> opts =
        kv[0].equals("url") || kv[0].equals("timeout") && kv[1].equals("1s")
            ? Map.of(kv[0], kv[1])
            : Map.of("url", "http://prom:9090", kv[0], kv[1]);
    assertThatThrownBy(() -> PrometheusOptions.parse(opts))
        .isInstanceOf(NetmarkException.class)
        .hasMessageStartingWith("metric source prometheus: " + message);
  }
}
