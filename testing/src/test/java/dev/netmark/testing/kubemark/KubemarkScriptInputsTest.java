package dev.netmark.testing.kubemark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input to hack/kubemark-up.sh and kubemark-down.sh: exit 2 with a message naming it. */
class KubemarkScriptInputsTest {
  @TempDir Path dir;
  private Path kubeconfig;

  @BeforeEach
  void files() throws Exception {
    kubeconfig =
        Files.writeString(
            dir.resolve("kc"), "clusters:\n- name: km\n  cluster:\n    server: https://10.0.0.1\n");
    Files.createDirectory(dir.resolve("empty"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "--nodes 0                     | --nodes must be a positive integer, found '0'",
        "--nodes ten                   | --nodes must be a positive integer, found 'ten'",
        "--hollow --nodes 1            | --hollow needs --image REGISTRY/kubemark:TAG",
        "--hollow --netperf --nodes 1  | --netperf and --hollow exclude each other",
        "--push --nodes 1              | --push needs --build",
        "--build --nodes 1             | --build needs --kubelet PATH",
        "--image Bad:Image --nodes 1   | --image 'Bad:Image' is not an image reference",
        "--labels zone --nodes 1       | --labels: 'zone' is not a label key=value",
        "--labels netmark.dev/node-kind=x --nodes 1 | netmark.dev/node-kind is set by the kind",
        "--namespace Kube_Mark --nodes 1 | --namespace must be a DNS label",
        "--cni-config EMPTY --nodes 1  | no *.conf, *.conflist or *.json file in it",
        "--cni-config /nonexistent --nodes 1 | --cni-config /nonexistent: not a directory",
        "--shim-port 70000 --nodes 1   | --shim-port must be a port number 1-65535, found '70000'",
        "--memory-request lots --nodes 1 | --memory-request must be a Kubernetes quantity",
        "--shim-args $(reboot) --nodes 1 | --shim-args may hold only letters, digits, blanks",
        "--frobnicate --nodes 1        | unknown argument '--frobnicate'",
        "--kube-proxy /bin/true --nodes 1 | --kube-proxy goes into the image: it needs --build",
        "--kube-proxy-args $(reboot) --nodes 1 | --kube-proxy-args may hold only letters",
        "--cni-daemonset --cni-config EMPTY --nodes 1 | --cni-daemonset and --cni-config exclude"
            + " each other",
        "--hollow --image r/kubemark:v1 --cni-daemonset --nodes 1 | are for not-so-hollow nodes",
      })
  void upRejectsBadInputBeforeTouchingAnything(String args, String message) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "--dry-run",
                "--admin-kubeconfig",
                kubeconfig.toString(),
                "--kubemark-kubeconfig",
                kubeconfig.toString()));
    for (String a : args.trim().split("\\s+")) {
      argv.add(a.equals("EMPTY") ? dir.resolve("empty").toString() : a);
    }
    Script s = Script.run("hack/kubemark-up.sh", argv);
    assertThat(s.exitCode()).as(s::toString).isEqualTo(2);
    assertThat(s.err()).as(s::toString).startsWith("netmark: kubemark-up: ").contains(message);
    assertThat(s.out()).isEmpty();
  }

  @Test
  void upNamesAMissingKubeconfig() {
    Path missing = dir.resolve("missing");
    Script s =
        Script.run(
            "hack/kubemark-up.sh",
            List.of(
                "--admin-kubeconfig", kubeconfig.toString(),
                "--kubemark-kubeconfig", missing.toString(),
                "--nodes", "1"));
    assertThat(s.exitCode()).isEqualTo(2);
    assertThat(s.err()).contains("--kubemark-kubeconfig " + missing + ": no such readable file");
  }

  @Test
  void upWithoutKubectlSaysSo() {
    Script s =
        Script.run(
            "hack/kubemark-up.sh",
            List.of(
                "--admin-kubeconfig", kubeconfig.toString(),
                "--kubemark-kubeconfig", kubeconfig.toString(),
                "--nodes", "1"),
            Map.of("KUBECTL", dir.resolve("no-kubectl").toString()));
    assertThat(s.exitCode()).isEqualTo(2);
    assertThat(s.err()).contains("kubectl not found").contains("--dry-run");
  }

  @Test
  void dryRunRedactsTheKubeconfig() throws Exception {
    Files.writeString(
        kubeconfig,
        "clusters:\n- cluster:\n    server: https://10.0.0.1\nusers:\n- user: {token: s3cr3t}\n");
    Script s =
        Script.run(
            "hack/kubemark-up.sh",
            List.of(
                "--dry-run",
                "--admin-kubeconfig",
                kubeconfig.toString(),
                "--kubemark-kubeconfig",
                kubeconfig.toString(),
                "--nodes",
                "1"));
    assertThat(s.exitCode()).as(s::toString).isZero();
    String encoded = java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(kubeconfig));
    assertThat(s.out()).doesNotContain(encoded).doesNotContain("s3cr3t");
  }

  @Test
  void downRemovesPodsBeforeNodesAndTheNamespaceLast() {
    Script s =
        Script.run(
            "hack/kubemark-down.sh",
            List.of(
                "--dry-run",
                "--admin-kubeconfig",
                kubeconfig.toString(),
                "--kubemark-kubeconfig",
                kubeconfig.toString()),
            Map.of("KUBECTL", "kubectl"));
    assertThat(s.exitCode()).as(s::toString).isZero();
    String k = "kubectl --kubeconfig " + kubeconfig + " ";
    assertThat(s.out().lines().map(String::strip).toList())
        .containsExactly(
            k
                + "delete replicationcontroller netperf-node --namespace kubemark --ignore-not-found --wait=true",
            k + "wait pods --namespace kubemark -l name=netperf-node --for=delete --timeout=300s",
            k + "delete nodes -l netmark.dev/node-kind=not-so-hollow --ignore-not-found",
            k
                + "delete replicationcontroller hollow-node --namespace kubemark --ignore-not-found --wait=true",
            k + "wait pods --namespace kubemark -l name=hollow-node --for=delete --timeout=300s",
            k + "delete nodes -l netmark.dev/node-kind=hollow --ignore-not-found",
            k + "delete namespace kubemark --ignore-not-found");
  }

  @Test
  void downOfOneKindKeepsTheNamespace() {
    Script s =
        Script.run(
            "hack/kubemark-down.sh",
            List.of(
                "--dry-run", "--hollow",
                "--admin-kubeconfig", kubeconfig.toString(),
                "--kubemark-kubeconfig", kubeconfig.toString()));
    assertThat(s.exitCode()).as(s::toString).isZero();
    assertThat(s.out())
        .contains("delete nodes -l netmark.dev/node-kind=hollow")
        .doesNotContain("delete namespace")
        .doesNotContain("netperf-node");
  }

  @Test
  void downRejectsBadInput() {
    Script s =
        Script.run("hack/kubemark-down.sh", List.of("--admin-kubeconfig", kubeconfig.toString()));
    assertThat(s.exitCode()).isEqualTo(2);
    assertThat(s.err())
        .isEqualTo("netmark: kubemark-down: --kubemark-kubeconfig FILE is required\n");
  }
}
