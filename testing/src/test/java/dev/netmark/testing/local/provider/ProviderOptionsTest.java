package dev.netmark.testing.local.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderOptionsTest {
  @Test
  void defaultsAndOverrides() {
    var d = ProviderOptions.parse(Map.of());
    assertThat(d.fabric().nodes()).isEqualTo(3);
    assertThat(d.fabric().prefix()).isEqualTo("nml");
    assertThat(d.fabric().cni().generated()).isTrue();
    var s =
        ProviderOptions.parse(
            Map.of(
                "nodes",
                "10",
                "cni-conf-dir",
                "/c",
                "cni-bin-dir",
                "/b",
                "kubeconfig-out",
                "/k",
                "retry-initial",
                "50ms",
                "prefix",
                "x1",
                "restart-limit",
                "2"));
    assertThat(s.fabric().nodes()).isEqualTo(10);
    assertThat(s.fabric().cni().confDir()).isEqualTo(Path.of("/c"));
    assertThat(s.fabric().cni().binDir()).isEqualTo(Path.of("/b"));
    assertThat(s.kubeconfigOut()).isEqualTo(Path.of("/k"));
    assertThat(s.backoff().initial()).isEqualTo(Duration.ofMillis(50));
    assertThat(s.fabric().prefix()).isEqualTo("x1");
    assertThat(s.restarts().perMinute()).isEqualTo(2);
    assertThat(d.restarts().perMinute()).isEqualTo(5);
    assertThat(d.shimsInProcess()).isTrue();
    assertThat(ProviderOptions.parse(Map.of("shims", "in-process")).shimsInProcess()).isTrue();
    assertThat(ProviderOptions.parse(Map.of("shims", "processes")).shimsInProcess()).isFalse();
  }

  @Test
  void badOptionsSayWhatIsWrong() {
    assertThatThrownBy(() -> ProviderOptions.parse(Map.of("node", "3")))
        .hasMessageContaining("unknown --provider-opt 'node'")
        .hasMessageContaining("nodes");
    assertThatThrownBy(() -> ProviderOptions.parse(Map.of("nodes", "three")))
        .hasMessageContaining("--provider-opt nodes=three: expected a whole number");
    assertThatThrownBy(() -> ProviderOptions.parse(Map.of("restart-limit", "0")))
        .hasMessageContaining(
            "--provider-opt restart-limit=0: expected 1 or more restarts a minute");
    assertThatThrownBy(() -> ProviderOptions.parse(Map.of("retry-max", "soon")))
        .hasMessageContaining("retry-max=soon");
    assertThatThrownBy(() -> ProviderOptions.parse(Map.of("shims", "threads")))
        .hasMessageContaining("--provider-opt shims=threads: expected processes or in-process");
    assertThatThrownBy(() -> ProviderOptions.parse(Map.of("cluster-cidr", "10.0.0.0/33")))
        .hasMessageContaining("cluster-cidr=10.0.0.0/33");
  }
}
