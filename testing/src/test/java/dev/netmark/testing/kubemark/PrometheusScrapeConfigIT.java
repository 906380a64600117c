package dev.netmark.testing.kubemark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code promtool check config} on node-image/prometheus/prometheus.yml. Debian's Prometheus (2.42,
 * the one CI installs) is built without Kubernetes service discovery and rejects {@code
 * kubernetes_sd_configs} as an unknown field, so promtool checks a copy whose discovery block is
 * swapped for a {@code static_configs} target; the rest (globals, relabelling, regexes) is checked
 * as written. {@link PrometheusScrapeConfigTest} checks the discovery block field by field.
 */
class PrometheusScrapeConfigIT {
  private static final String PROMTOOL = "/usr/bin/promtool";

  @TempDir Path dir;

  @Test
  void promtoolAcceptsTheConfig() throws Exception {
    assertThat(Path.of(PROMTOOL))
        .as("promtool comes with Debian's prometheus package; hack/test.sh installs it")
        .isExecutable();
    String config = Files.readString(PrometheusScrapeConfigTest.DIR.resolve("prometheus.yml"));
    String sd =
        """
          kubernetes_sd_configs:
          - role: pod
            namespaces:
              names: [kubemark]
            selectors:
            - role: pod
              label: name=netperf-node
        """;
    assertThat(config).contains(sd);
    Path copy =
        Files.writeString(
            dir.resolve("prometheus.yml"),
            config.replace(sd, "  static_configs:\n  - targets: ['127.0.0.1:10260']\n"));
    Process p =
        new ProcessBuilder(PROMTOOL, "check", "config", copy.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("SUCCESS");
  }

  @Test
  void promtoolFailsABrokenRelabelling() throws Exception {
    String config = Files.readString(PrometheusScrapeConfigTest.DIR.resolve("prometheus.yml"));
    Path broken =
        Files.writeString(
            dir.resolve("broken.yml"),
            config
                .replaceAll(
                    "(?s)  kubernetes_sd_configs:.*?(  relabel_configs:)",
                    "  static_configs:\n  - targets: ['127.0.0.1:10260']\n$1")
                .replace("regex: shim-metrics", "regex: shim-metrics("));
    Process p =
        new ProcessBuilder(PROMTOOL, "check", "config", broken.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isNotZero();
  }
}
