package dev.netmark.testing.local.api;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;

/**
 * Everything local mode does differently because its API server is fabric8's CRUD mock and not a
 * kube-apiserver; the stand-ins use these calls and otherwise follow the real API's semantics. The
 * mock (docs/design.md, "Local mode" and "Known limits"):
 *
 * <ul>
 *   <li>has no {@code pods/binding} subresource: {@link #bind} patches {@code spec.nodeName} (and
 *       {@link LocalDispatcher} binds most pods in their create, see {@link BindAtCreate});
 *   <li>has no status subresource: {@link #writeStatus} merge-patches {@code status} on the object
 *       itself (a plain update would also overwrite it);
 *   <li>ignores field selectors: {@link #boundTo} filters pods by node on the client;
 *   <li>allocates no cluster IPs: {@link #setClusterIp} writes the one the service stand-in chose;
 *   <li>deletes no namespace contents: {@link #deleteContents} does what the namespace controller
 *       would;
 *   <li>has no node proxy: {@link LocalDispatcher} forwards {@code GET nodes/NAME:PORT/proxy/PATH}
 *       to the node's InternalIP, as kube-apiserver does;
 *   <li>stalls every request for 30 s when a watch closes with an event in flight, and fails a
 *       write (and loses its event for the other watches) while a watch closes: {@link
 *       LocalDispatcher} runs the watch's close callbacks off the event loop, after taking the
 *       watch off the server's list;
 *   <li>ignores a watch's {@code resourceVersion}, so a re-opened watch never saw what was deleted
 *       while it was closed: {@link LocalDispatcher} answers a watch from before such a deletion
 *       with {@code 410 Gone}, and the informer lists again;
 *   <li>deletes at once (no graceful deletion, no finalizers) and starts every watch with ADDED for
 *       all objects, so handlers must be idempotent per object UID.
 * </ul>
 */
public final class MockQuirks {
  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

  private MockQuirks() {}

  /** Binds {@code pod} to {@code node}, as a {@code pods/binding} POST would. */
  public static void bind(KubernetesClient kube, Pod pod, String node) {
    patch(kube, pod, Map.of("spec", Map.of("nodeName", node)));
  }

  /** Writes a pod's status, as a PUT or PATCH of {@code pods/status} would. */
  public static void writeStatus(KubernetesClient kube, Pod pod, PodStatus status) {
    patch(kube, pod, Map.of("status", status));
  }

  /** Writes a node's status, as kubelet's PATCH of {@code nodes/status} would. */
  public static void writeStatus(KubernetesClient kube, Node node, NodeStatus status) {
    String json = kube.getKubernetesSerialization().asJson(Map.of("status", status));
    Node named =
        new NodeBuilder()
            .withNewMetadata()
            .withName(node.getMetadata().getName())
            .endMetadata()
            .build();
    kube.nodes().resource(named).patch(MERGE, json);
  }

  /** Sets a service's cluster IP, which a real API server allocates at create. */
  public static void setClusterIp(
      KubernetesClient kube, String namespace, String name, String clusterIp) {
    String json =
        kube.getKubernetesSerialization()
            .asJson(
                Map.of("spec", Map.of("clusterIP", clusterIp, "clusterIPs", List.of(clusterIp))));
    Service named =
        new ServiceBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata()
            .build();
    kube.services().inNamespace(namespace).resource(named).patch(MERGE, json);
  }

  /**
   * Whether {@code pod} is bound to {@code node}: the field selector {@code spec.nodeName=NODE}.
   */
  public static boolean boundTo(Pod pod, String node) {
    return pod.getSpec() != null && node.equals(pod.getSpec().getNodeName());
  }

  /** Deletes what a deleted namespace held, as the namespace controller would. */
  public static void deleteContents(KubernetesClient kube, String namespace) {
    kube.pods().inNamespace(namespace).delete();
    kube.services().inNamespace(namespace).delete();
    kube.configMaps().inNamespace(namespace).delete();
    kube.endpoints().inNamespace(namespace).delete();
  }

  /**
   * One PATCH request: fabric8's {@code withName(n).patch(context, json)} first GETs the object
   * (which a merge patch does not need), {@code resource(named).patch} takes the name from it.
   */
  private static void patch(KubernetesClient kube, Pod pod, Map<String, Object> patch) {
    String json = kube.getKubernetesSerialization().asJson(patch);
    String ns = pod.getMetadata().getNamespace();
    Pod named =
        new PodBuilder()
            .withNewMetadata()
            .withName(pod.getMetadata().getName())
            .withNamespace(ns)
            .endMetadata()
            .build();
    kube.pods().inNamespace(ns).resource(named).patch(MERGE, json);
  }
}
