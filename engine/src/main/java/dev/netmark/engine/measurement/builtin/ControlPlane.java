package dev.netmark.engine.measurement.builtin;

import dev.netmark.api.Measurement;
import dev.netmark.api.NetmarkException;
import dev.netmark.api.NodeSelector;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.contract.ProbeTargets;
import dev.netmark.contract.ProbeTargets.ProbePolicy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deploys the probe targets of the shims: one control pod per Ready node, a service over them, and
 * the {@code netmark-probe-targets} ConfigMap once every address is known.
 */
final class ControlPlane implements Measurement {
  static final String SUMMARY = "ControlPlane";
  static final String CLUSTER_INFO = "netmark-cluster-info";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final KubernetesClient kube;
  private final Consumer<String> deleteAtEnd;

  ControlPlane(KubernetesClient kube, Consumer<String> deleteAtEnd) {
    this.kube = kube;
    this.deleteAtEnd = deleteAtEnd;
  }

  @Override
  public List<Summary> execute(Params params) throws InterruptedException {
    ControlPlaneSpec spec = ControlPlaneSpec.parse(params);
    String ns = ControlObjects.NAMESPACE;
    if (kube.namespaces().withName(ns).get() == null) {
      kube.resource(ControlObjects.namespace()).create();
    }
    deleteAtEnd.accept(ns);
    List<String> nodes = readyNodes(spec.nodeSelector());
    Map<String, String> podNode = new TreeMap<>();
    for (String node : nodes) {
      for (int i = 0; i < spec.podsPerNode(); i++) {
        Pod pod = ControlObjects.pod(node, i, spec.image());
        if (kube.pods().inNamespace(ns).withName(pod.getMetadata().getName()).get() == null) {
          kube.resource(pod).create();
        }
        podNode.put(pod.getMetadata().getName(), node);
      }
    }
    Service service = ControlObjects.service(spec.serviceName(), spec.servicePort());
    kube.resource(service).createOr(NonDeletingOperation::update);

    ControlPlaneWait wait = new ControlPlaneWait(kube, spec.timeout());
    Map<String, String> ips = wait.podIps(podNode.keySet());
    String serviceIp = wait.clusterIp(spec.serviceName());

    Map<String, List<String>> byNode = new TreeMap<>();
    podNode.forEach(
        (pod, node) -> byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(ips.get(pod)));
    Map<String, String> info = clusterInfo();
    String externalIp = spec.externalIp() != null ? spec.externalIp() : info.get("externalIp");
    String externalUrl = spec.externalUrl() != null ? spec.externalUrl() : info.get("externalUrl");
    ProbeTargets targets =
        new ProbeTargets(
            byNode,
            ControlPlaneSpec.HTTP_PORT,
            ControlPlaneSpec.IPERF_PORT,
            serviceIp,
            spec.servicePort(),
            externalIp,
            externalUrl,
            withoutExternal(spec.probes(), externalIp == null && externalUrl == null));
    ConfigMap cm = ControlObjects.targets(JSON.writeValueAsString(targets));
    kube.resource(cm).createOr(NonDeletingOperation::update);
    return List.of(summary(targets, nodes.size(), spec.nodeSelector()));
  }

  private List<String> readyNodes(Map<String, String> selector) {
    var candidates =
        selector.isEmpty() ? kube.nodes().list() : kube.nodes().withLabels(selector).list();
    List<String> ready =
        candidates.getItems().stream()
            .filter(ControlPlane::isReady)
            .map(n -> n.getMetadata().getName())
            .sorted()
            .toList();
    if (ready.isEmpty()) {
      throw new NetmarkException(
          "ControlPlane: the cluster has no Ready node"
              + (selector.isEmpty() ? "" : " with labels " + NodeSelector.text(selector))
              + " to put a control pod on");
    }
    return ready;
  }

  static boolean isReady(Node node) {
    return node.getStatus() != null
        && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private Map<String, String> clusterInfo() {
    ConfigMap cm =
        kube.configMaps().inNamespace(ControlObjects.NAMESPACE).withName(CLUSTER_INFO).get();
    return cm == null || cm.getData() == null ? Map.of() : cm.getData();
  }

  // Without an external target the shims would record every pod's external probe as failed.
  private static ProbePolicy withoutExternal(ProbePolicy p, boolean noExternal) {
    if (!noExternal) {
      return p;
    }
    List<String> classes = p.classes().stream().filter(c -> !c.equals("external")).toList();
    return new ProbePolicy(
        p.remoteNodes(),
        p.serviceHttpCount(),
        p.servicePing(),
        p.intervalMs(),
        p.timeoutMs(),
        classes);
  }

  private static Summary summary(ProbeTargets t, int nodes, Map<String, String> selector) {
    int pods = t.controlPods().values().stream().mapToInt(List::size).sum();
    List<String> notes =
        List.of(
            pods
                + " control pods on "
                + nodes
                + " Ready nodes"
                + (selector.isEmpty() ? "" : " with labels " + NodeSelector.text(selector)),
            "control service " + t.serviceIp() + ":" + t.servicePort(),
            "external target: "
                + (t.externalIp() == null && t.externalUrl() == null
                    ? "none (external probes off)"
                    : String.join(
                        " ",
                        Stream.of(t.externalIp(), t.externalUrl())
                            .filter(Objects::nonNull)
                            .toList())),
            ProbeChecks.note(t));
    return new Summary(SUMMARY, List.of(), List.of(), notes);
  }
}
