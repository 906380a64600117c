package dev.netmark.testing.local.controllers;

import dev.netmark.testing.local.api.MockQuirks;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The namespace controller's garbage collection: when a namespace is deleted, its pods, services,
 * ConfigMaps and endpoints are deleted too (the pods' kubelets then stop them). Also tells the
 * cluster when a namespace appears, so local mode can put its cluster-info ConfigMap back into a
 * re-created {@code netmark-system}.
 */
public final class NamespaceController implements ResourceEventHandler<Namespace>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NamespaceController.class);

  private final KubernetesClient kube;
  private final Consumer<String> created;
  // One thread in order: informer callbacks must not block on API calls.
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().daemon().name("namespace-gc").factory());

  /**
   * @param created called (on the controller's thread) with each namespace's name when it appears
   */
  public NamespaceController(KubernetesClient kube, Consumer<String> created) {
    this.kube = kube;
    this.created = created;
  }

  @Override
  public void onAdd(Namespace ns) {
    String name = ns.getMetadata().getName();
    worker.execute(() -> created.accept(name));
  }

  @Override
  public void onUpdate(Namespace old, Namespace ns) {
    if (ns.getMetadata().getDeletionTimestamp() != null) {
      onDelete(ns, false);
    }
  }

  @Override
  public void onDelete(Namespace ns, boolean finalStateUnknown) {
    String name = ns.getMetadata().getName();
    worker.execute(
        () -> {
          try {
            MockQuirks.deleteContents(kube, name);
          } catch (KubernetesClientException e) {
            LOG.warn("deleting the contents of namespace {} failed: {}", name, e.getMessage());
          }
        });
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
