package dev.netmark.engine.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The engine's writes to the API server: create and delete objects given as maps, and the test's
 * namespaces. Every call goes through a {@link Retrier}; a conflict or a missing object is a {@link
 * KubeObjectException} naming it.
 */
public final class KubeOps {
  /**
   * Annotation that marks each created object with the id of the create call: a retried create
   * whose first try committed (it timed out on the way back) meets its own object in the 409 and
   * adopts it, instead of failing the run (docs/design.md, "Faults").
   */
  public static final String CREATE_ID = "netmark.dev/create-id";

  private final KubernetesClient kube;
  private final Retrier retrier;

  public KubeOps(KubernetesClient kube, Retrier retrier) {
    this.kube = kube;
    this.retrier = retrier;
  }

  /** The client these operations use. */
  public KubernetesClient client() {
    return kube;
  }

  /**
   * Creates an object given as a map ({@code apiVersion}, {@code kind}, {@code metadata} ...) in
   * {@code namespace}, typed when fabric8 knows the kind, generic otherwise.
   *
   * @return the created object's reference
   */
  public ObjectRef create(Map<String, Object> object, String namespace)
      throws InterruptedException {
    HasMetadata resource = toResource(object);
    ObjectRef ref =
        new ObjectRef(
            resource.getApiVersion(),
            resource.getKind(),
            namespace,
            resource.getMetadata() == null ? null : resource.getMetadata().getName());
    if (ref.name() == null || ref.kind() == null || ref.apiVersion() == null) {
      throw new KubeObjectException(
          0, ref, "an object needs apiVersion, kind and metadata.name, found " + object, null);
    }
    String createId = UUID.randomUUID().toString();
    if (resource.getMetadata().getAnnotations() == null) {
      resource.getMetadata().setAnnotations(new LinkedHashMap<>());
    }
    resource.getMetadata().getAnnotations().put(CREATE_ID, createId);
    try {
      retrier.call(ref, "create", () -> kube.resource(resource).inNamespace(namespace).create());
    } catch (KubeObjectException e) {
      if (e.status() != 409 || !createdBy(resource, namespace, createId)) {
        throw e;
      }
    }
    return ref;
  }

  // Whether the object that is in the way is the one an earlier try of this very create made.
  private boolean createdBy(HasMetadata resource, String namespace, String createId)
      throws InterruptedException {
    ObjectRef ref =
        new ObjectRef(
            resource.getApiVersion(),
            resource.getKind(),
            namespace,
            resource.getMetadata().getName());
    HasMetadata existing =
        retrier.call(ref, "get", () -> kube.resource(resource).inNamespace(namespace).get());
    return existing != null
        && existing.getMetadata().getAnnotations() != null
        && createId.equals(existing.getMetadata().getAnnotations().get(CREATE_ID));
  }

  /**
   * Deletes one object.
   *
   * @throws KubeObjectException with status 404 when it does not exist
   */
  public void delete(ObjectRef ref) throws InterruptedException {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", ref.name());
    if (ref.namespace() != null) {
      metadata.put("namespace", ref.namespace());
    }
    HasMetadata resource =
        toResource(
            Map.of("apiVersion", ref.apiVersion(), "kind", ref.kind(), "metadata", metadata));
    List<StatusDetails> deleted =
        retrier.call(
            ref,
            "delete",
            () ->
                ref.namespace() == null
                    ? kube.resource(resource).delete()
                    : kube.resource(resource).inNamespace(ref.namespace()).delete());
    if (deleted.isEmpty()) {
      throw new KubeObjectException(404, ref, "delete failed: not found", null);
    }
  }

  /**
   * Creates a namespace with labels.
   *
   * @throws KubeObjectException with status 409 when it already exists: a test never adopts (and
   *     later deletes) a namespace it did not create
   */
  public void createNamespace(String name, Map<String, String> labels) throws InterruptedException {
    Namespace ns =
        new NamespaceBuilder()
            .withNewMetadata()
            .withName(name)
            .withLabels(labels)
            .endMetadata()
            .build();
    retrier.call(namespaceRef(name), "create", () -> kube.namespaces().resource(ns).create());
  }

  /**
   * Requests deletion of a namespace; the API server then deletes everything in it.
   *
   * @return false when it did not exist
   */
  public boolean deleteNamespace(String name) throws InterruptedException {
    return !retrier
        .call(namespaceRef(name), "delete", () -> kube.namespaces().withName(name).delete())
        .isEmpty();
  }

  /** Names of the namespaces carrying label {@code key=value}. */
  public List<String> namespacesLabelled(String key, String value) throws InterruptedException {
    return retrier.call(
        new ObjectRef("v1", "Namespace", null, key + "=" + value),
        "list",
        () ->
            kube.namespaces().withLabel(key, value).list().getItems().stream()
                .map(n -> n.getMetadata().getName())
                .toList());
  }

  private HasMetadata toResource(Map<String, Object> object) {
    if (kube.getKubernetesSerialization().convertValue(object, KubernetesResource.class)
        instanceof HasMetadata resource) {
      return resource;
    }
    throw new KubeObjectException(
        0,
        new ObjectRef(
            String.valueOf(object.get("apiVersion")),
            String.valueOf(object.get("kind")),
            null,
            "?"),
        "not a Kubernetes object with metadata: " + object,
        null);
  }

  private static ObjectRef namespaceRef(String name) {
    return new ObjectRef("v1", "Namespace", null, name);
  }
}
