package dev.netmark.engine.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.ClusterProvider;
import dev.netmark.api.NetmarkException;
import dev.netmark.engine.cli.NetmarkCommand;
import dev.netmark.engine.measurement.Plugins;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubemarkClusterProviderTest {
  private static final String KUBECONFIG =
      """
      apiVersion: v1
      kind: Config
      clusters:
      - name: kubemark
        cluster: {server: "https://10.0.0.1:443", insecure-skip-tls-verify: true}
      users:
      - name: admin
        user: {token: abc}
      contexts:
      - name: kubemark
        context: {cluster: kubemark, user: admin}
      current-context: kubemark
      """;

  @TempDir Path dir;
  private final ClusterProvider provider = new KubemarkClusterProvider();

  @Test
  void isFoundByServiceLoaderUnderItsName() {
    assertThat(Plugins.load(null, null).clusterProviders().get("kubemark"))
        .isInstanceOf(KubemarkClusterProvider.class);
  }

  @Test
  void handsOutTheKubeconfigPrefersProxyAndLeavesTheClusterAlone() throws Exception {
    Path file = Files.writeString(dir.resolve("kc"), KUBECONFIG);
    try (ClusterProvider.Cluster cluster = provider.start(Map.of("kubeconfig", file.toString()))) {
      assertThat(cluster.kubeconfig()).isEqualTo(KUBECONFIG);
      assertThat(cluster.metricSourceKind()).isEqualTo("proxy");
    }
    assertThat(Files.readString(file)).isEqualTo(KUBECONFIG);
  }

  @Test
  void withoutKubeconfigSaysWhichOptionIsMissing() {
    assertThatThrownBy(() -> provider.start(Map.of()))
        .isInstanceOf(NetmarkException.class)
        .hasMessageContaining("needs --provider-opt kubeconfig=FILE")
        .hasMessageContaining("hack/kubemark-up.sh");
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> provider.start(Map.of("kubeconfig", missing.toString())))
        .hasMessage("provider kubemark: kubeconfig " + missing + ": file not found");
  }

  @Test
  void aFileThatIsNoKubeconfigIsRejected() throws Exception {
    Path file = Files.writeString(dir.resolve("kc"), "just: [text\n");
    assertThatThrownBy(() -> provider.start(Map.of("kubeconfig", file.toString())))
        .hasMessageStartingWith(
            "provider kubemark: kubeconfig " + file + ": not a usable kubeconfig");
  }

  @Test
  void unknownOptionsAreListedWithTheKnownOnes() throws Exception {
    Path file = Files.writeString(dir.resolve("kc"), KUBECONFIG);
    assertThatThrownBy(() -> provider.start(Map.of("kubeconfig", file.toString(), "nodes", "3")))
        .hasMessageStartingWith(
            "unknown --provider-opt 'nodes' of provider kubemark; known: kubeconfig");
  }

  @Test
  void netmarkRunWithTheProviderButNoKubeconfigSaysWhatToPass() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        NetmarkCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(
                "run",
                "src/test/resources/cli/e2e/valid.yaml",
                "--provider",
                "kubemark",
                "--report-dir",
                dir.resolve("report").toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("netmark: provider kubemark needs --provider-opt kubeconfig=FILE")
        .doesNotContain("\tat ");
  }
}
