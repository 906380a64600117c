package dev.netmark.testing.kubemark;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifests hack/kubemark-up.sh applies, rendered by its {@code --dry-run} with the values it
 * fills in, parsed with fabric8's model classes (an unknown or misspelt field fails) and checked
 * against what the node image's start script and the metric sources expect.
 */
class KubemarkManifestsTest {
  /** The environment of netmark-node-start (node-image/rootfs/usr/local/bin), per its contract. */
  static final Set<String> START_SCRIPT_ENV =
      Set.of(
          "NODE_NAME",
          "NETMARK_KUBECONFIG",
          "NETMARK_NODE_LABELS",
          "NETMARK_SHIM_PORT",
          "NETMARK_SHIM_BIND",
          "NETMARK_SHIM_HEAP",
          "NETMARK_SHIM_ARGS",
          "NETMARK_KUBELET_ARGS",
          "NETMARK_MAX_PODS",
          "NETMARK_SKIP_KUBE_PROXY",
          "NETMARK_KUBE_PROXY_ARGS",
          "NETMARK_CNI_CONFIG_LATER");

  @TempDir Path dir;
  private Path kubeconfig;
  private Path cni;

  @BeforeEach
  void files() throws Exception {
    kubeconfig =
        Files.writeString(
            dir.resolve("kubemark.kubeconfig"),
            "apiVersion: v1\nkind: Config\nclusters:\n- name: km\n  cluster:\n"
                + "    server: https://10.0.0.1:443\n");
    cni = Files.createDirectory(dir.resolve("cni"));
    Files.writeString(
        cni.resolve("10-bridge.conflist"),
        """
        {"cniVersion": "1.0.0", "name": "netmark",
          "plugins": [{"type": "bridge", "bridge": "cni0",
                       "ipam": {"type": "host-local", "subnet": "10.88.0.0/16"}}]}
        """);
  }

  private List<HasMetadata> up(String... extra) {
    return upWithout(null, extra);
  }

  /** As {@link #up}, leaving out the default option {@code omit} (and its value). */
  private List<HasMetadata> upWithout(String omit, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--dry-run",
                "--admin-kubeconfig",
                kubeconfig.toString(),
                "--kubemark-kubeconfig",
                kubeconfig.toString(),
                "--cni-config",
                cni.toString()));
    int i = args.indexOf(omit);
    if (i >= 0) {
      args.subList(i, i + 2).clear();
    }
    args.addAll(List.of(extra));
    Script s = Script.run("hack/kubemark-up.sh", args);
    assertThat(s.exitCode()).as(s::toString).isZero();
    List<HasMetadata> objects = new ArrayList<>();
    for (String doc : s.documents()) {
      HasMetadata o = Serialization.unmarshal(doc);
      assertThat(UnknownFields.of(o)).as("fields fabric8 does not know in\n" + doc).isEmpty();
      objects.add(o);
    }
    return objects;
  }

  @Test
  void notSoHollowNodesAsTheStartScriptAndTheMetricSourcesExpect() throws Exception {
    List<HasMetadata> objects = up("--nodes", "7", "--labels", "zone=a");
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .containsExactly("Namespace", "Secret", "ConfigMap", "ReplicationController");
    assertThat(objects.subList(1, 4))
        .allMatch(o -> o.getMetadata().getNamespace().equals("kubemark"));
    assertThat(((Namespace) objects.get(0)).getMetadata().getName()).isEqualTo("kubemark");
    Secret secret = (Secret) objects.get(1);
    assertThat(secret.getData()).containsOnlyKeys("kubeconfig");
    ConfigMap cniMap = (ConfigMap) objects.get(2);
    assertThat(cniMap.getData())
        .containsExactly(
            Map.entry("10-bridge.conflist", Files.readString(cni.resolve("10-bridge.conflist"))));

    ReplicationController rc = (ReplicationController) objects.get(3);
    assertThat(rc.getSpec().getReplicas()).isEqualTo(7);
    assertThat(rc.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(rc.getSpec().getSelector())
        .containsEntry("netmark.dev/node-kind", "not-so-hollow");
    PodSpec pod = rc.getSpec().getTemplate().getSpec();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    Container node = only(pod.getContainers());
    assertThat(node.getSecurityContext().getPrivileged()).isTrue();

    Map<String, EnvVar> env =
        node.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    assertThat(env.keySet()).isEqualTo(START_SCRIPT_ENV);
    assertThat(env.get("NODE_NAME").getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("metadata.name");
    assertThat(env.get("NETMARK_NODE_LABELS").getValue()).isEqualTo("zone=a");
    assertThat(env.get("NETMARK_SHIM_PORT").getValue()).isEqualTo("10260");
    // The shim's HTTP endpoint answers on the node's (the pod's) own IP only.
    assertThat(env.get("NETMARK_SHIM_BIND").getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("status.podIP");
    // Empty: the start script keeps the -Xmx of the shim's JVM flags file.
    assertThat(env.get("NETMARK_SHIM_HEAP").getValue()).isEmpty();
    assertThat(env.get("NETMARK_MAX_PODS").getValue()).isEqualTo("110");
    // The image's kube-proxy runs when it has one; the CNI configuration is there at the start.
    assertThat(env.get("NETMARK_SKIP_KUBE_PROXY").getValue()).isEqualTo("0");
    assertThat(env.get("NETMARK_KUBE_PROXY_ARGS").getValue()).isEmpty();
    assertThat(env.get("NETMARK_CNI_CONFIG_LATER").getValue()).isEqualTo("0");
    String startScript =
        Files.readString(Repo.root().resolve("node-image/rootfs/usr/local/bin/netmark-node-start"));
    assertThat(env.keySet()).allMatch(startScript::contains);

    Map<String, Volume> volumes =
        pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
    Map<String, String> mounts =
        node.getVolumeMounts().stream()
            .collect(Collectors.toMap(VolumeMount::getMountPath, VolumeMount::getName));
    assertThat(volumes.keySet()).containsAll(mounts.values());
    assertThat(mounts)
        .containsEntry("/etc/netmark/kubeconfig", "kubeconfig")
        .containsEntry("/etc/cni/net.d", "cni-config")
        .containsKeys("/var/lib/containerd", "/var/lib/kubelet", "/run", "/var/lib/netmark-shim");
    assertThat(env.get("NETMARK_KUBECONFIG").getValue())
        .isEqualTo("/etc/netmark/kubeconfig/" + only(secret.getData().keySet()));
    assertThat(volumes.get("kubeconfig").getSecret().getSecretName())
        .isEqualTo(secret.getMetadata().getName());
    assertThat(volumes.get("cni-config").getConfigMap().getName())
        .isEqualTo(cniMap.getMetadata().getName());
    assertThat(cniMount(node).getReadOnly()).isTrue();
    // containerd cannot nest on the container's overlay: its root must be a volume.
    assertThat(volumes.get(mounts.get("/var/lib/containerd")).getEmptyDir()).isNotNull();
    assertThat(volumes.get(mounts.get("/run")).getEmptyDir().getMedium()).isEqualTo("Memory");

    assertThat(node.getPorts())
        .anySatisfy(
            p -> {
              assertThat(p.getName()).isEqualTo("shim-metrics");
              assertThat(p.getContainerPort()).isEqualTo(10260);
            });
    assertThat(node.getReadinessProbe().getHttpGet().getPort().getStrVal())
        .isEqualTo("shim-metrics");
    assertThat(node.getResources().getRequests()).containsOnlyKeys("cpu", "memory");
    assertThat(node.getResources().getRequests().get("memory").toString()).isEqualTo("300Mi");
    assertThat(node.getResources().getRequests().get("cpu").toString()).isEqualTo("100m");
  }

  @Test
  void chosenValuesReachEveryPlaceThatUsesThem() {
    List<HasMetadata> objects =
        up(
            "--nodes", "2",
            "--namespace", "km-perf",
            "--image", "registry.example/netmark-node:v1",
            "--shim-port", "10300",
            "--shim-heap", "256m",
            "--max-pods", "250",
            "--memory-request", "600Mi",
            "--cpu-request", "250m",
            "--kubelet-args", "--v=2 --node-status-update-frequency=20s");
    assertThat(objects)
        .allMatch(o -> o instanceof Namespace || o.getMetadata().getNamespace().equals("km-perf"));
    ReplicationController rc = (ReplicationController) objects.getLast();
    Container node = only(rc.getSpec().getTemplate().getSpec().getContainers());
    assertThat(node.getImage()).isEqualTo("registry.example/netmark-node:v1");
    assertThat(node.getPorts())
        .anyMatch(p -> p.getName().equals("shim-metrics") && p.getContainerPort() == 10300);
    Map<String, String> env =
        node.getEnv().stream()
            .filter(e -> e.getValue() != null)
            .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    assertThat(env)
        .containsEntry("NETMARK_SHIM_PORT", "10300")
        .containsEntry("NETMARK_SHIM_HEAP", "256m")
        .containsEntry("NETMARK_MAX_PODS", "250")
        .containsEntry("NETMARK_KUBELET_ARGS", "--v=2 --node-status-update-frequency=20s");
    assertThat(node.getResources().getRequests().get("memory").toString()).isEqualTo("600Mi");
    assertThat(node.getResources().getRequests().get("cpu").toString()).isEqualTo("250m");
  }

  @Test
  void cniDaemonSetNodesStartWithAWritableEmptyConfigDirectoryAndLoadItLater() {
    List<HasMetadata> objects =
        upWithout("--cni-config", "--nodes", "3", "--cni-daemonset", "--no-kube-proxy");
    // No ConfigMap: the CNI's DaemonSet writes the configuration.
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .containsExactly("Namespace", "Secret", "ReplicationController");
    PodSpec pod = ((ReplicationController) objects.getLast()).getSpec().getTemplate().getSpec();
    Container node = only(pod.getContainers());
    Volume cni =
        pod.getVolumes().stream().filter(v -> v.getName().equals("cni-config")).findFirst().get();
    assertThat(cni.getEmptyDir()).isNotNull();
    assertThat(cni.getConfigMap()).isNull();
    assertThat(cniMount(node).getReadOnly()).isFalse();
    Map<String, String> env =
        node.getEnv().stream()
            .filter(e -> e.getValue() != null)
            .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    assertThat(env)
        .containsEntry("NETMARK_CNI_CONFIG_LATER", "1")
        .containsEntry("NETMARK_SKIP_KUBE_PROXY", "1");
  }

  @Test
  void kubeProxyArgsReachTheStartScript() {
    ReplicationController rc =
        (ReplicationController)
            up("--nodes", "1", "--kube-proxy-args", "--proxy-mode=ipvs --cluster-cidr=10.88.0.0/16")
                .getLast();
    Container node = only(rc.getSpec().getTemplate().getSpec().getContainers());
    assertThat(node.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("NETMARK_KUBE_PROXY_ARGS");
              assertThat(e.getValue()).isEqualTo("--proxy-mode=ipvs --cluster-cidr=10.88.0.0/16");
            });
  }

  @Test
  void hollowNodesAreUpstreamKubemarkLabelledHollow() {
    List<HasMetadata> objects =
        up("--hollow", "--nodes", "1000", "--image", "registry.example/kubemark:v1.34.0");
    ReplicationController rc = (ReplicationController) objects.getLast();
    assertThat(rc.getMetadata().getName()).isEqualTo("hollow-node");
    assertThat(rc.getSpec().getReplicas()).isEqualTo(1000);
    PodSpec pod = rc.getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers())
        .extracting(Container::getName)
        .containsExactly("hollow-kubelet", "hollow-proxy");
    Container kubelet = pod.getContainers().getFirst();
    assertThat(kubelet.getImage()).isEqualTo("registry.example/kubemark:v1.34.0");
    assertThat(kubelet.getCommand())
        .contains(
            "--morph=kubelet", "--name=$(NODE_NAME)", "--node-labels=netmark.dev/node-kind=hollow");
    // kubemark's sizing of the hollow proxy: 100 MiB plus 50 KiB per node.
    assertThat(pod.getContainers().get(1).getResources().getRequests().get("memory").toString())
        .isEqualTo((100 * 1024 + 50 * 1000) + "Ki");
    Set<String> volumes =
        pod.getVolumes().stream().map(Volume::getName).collect(Collectors.toSet());
    assertThat(pod.getContainers())
        .allSatisfy(
            c ->
                assertThat(volumes)
                    .containsAll(c.getVolumeMounts().stream().map(VolumeMount::getName).toList()));
  }

  @Test
  void aMisspeltFieldIsFound() {
    String doc =
        """
        apiVersion: v1
        kind: ReplicationController
        metadata: {name: x}
        spec:
          template:
            spec:
              containers:
              - name: node
                image: i
                securityContext: {privilegd: true}
        """;
    HasMetadata o = Serialization.unmarshal(doc);
    assertThat(UnknownFields.of(o))
        .containsExactly(".spec.template.spec.containers[0].securityContext.privilegd");
  }

  private static VolumeMount cniMount(Container node) {
    return node.getVolumeMounts().stream()
        .filter(m -> m.getMountPath().equals("/etc/cni/net.d"))
        .findFirst()
        .orElseThrow();
  }

  private static <T> T only(java.util.Collection<T> items) {
    assertThat(items).hasSize(1);
    return items.iterator().next();
  }
}
