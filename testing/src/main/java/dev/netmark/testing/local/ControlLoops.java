package dev.netmark.testing.local;

import dev.netmark.testing.local.controllers.NamespaceController;
import dev.netmark.testing.local.controllers.Scheduler;
import dev.netmark.testing.local.controllers.ServiceChanges;
import dev.netmark.testing.local.controllers.ServiceController;
import dev.netmark.testing.local.fabric.Fabric;
import dev.netmark.testing.local.host.HostException;
import dev.netmark.testing.local.kubelet.Kubelet;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The cluster's controllers and kubelets and the four informers they share. The API server has no
 * field selectors, so there is one pod informer for everything (each kubelet filters by node)
 * instead of one watch per node.
 */
final class ControlLoops implements AutoCloseable {
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

  private final SharedIndexInformer<Node> nodes;
  private final SharedIndexInformer<Pod> pods;
  private final SharedIndexInformer<Service> services;
  private final SharedIndexInformer<Namespace> namespaces;
  private final Scheduler scheduler;
  private final ServiceController serviceController;
  private final NamespaceController namespaceController;
  private final List<Kubelet> kubelets;

  ControlLoops(
      KubernetesClient kube, Fabric fabric, List<Kubelet> kubelets, ServiceChanges changes) {
    this.kubelets = List.copyOf(kubelets);
    nodes = kube.nodes().runnableInformer(0);
    pods = kube.pods().inAnyNamespace().runnableInformer(0);
    services = kube.services().inAnyNamespace().runnableInformer(0);
    namespaces = kube.namespaces().runnableInformer(0);
    scheduler = new Scheduler(kube, () -> nodes.getStore().list());
    serviceController =
        new ServiceController(
            kube,
            fabric.plan().spec().serviceCidr(),
            () -> services.getStore().list(),
            fabric::publishServices,
            changes);
    namespaceController =
        new NamespaceController(kube, ns -> ClusterInfo.onNamespace(kube, fabric, ns));
    kubelets.forEach(pods::addEventHandler);
    pods.addEventHandler(scheduler);
    pods.addEventHandler(serviceController.trigger());
    services.addEventHandler(serviceController.trigger());
    namespaces.addEventHandler(namespaceController);
  }

  /** Starts the informers (nodes first, so the scheduler sees them) and waits until synced. */
  void start() throws InterruptedException {
    for (SharedIndexInformer<?> i : List.of(nodes, services, namespaces, pods)) {
      try {
        i.start().toCompletableFuture().get(SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new HostException("an informer of the local API server did not sync: " + e, e);
      }
    }
    kubelets.forEach(k -> k.startHousekeeping(() -> pods.getStore().list()));
  }

  /** The scheduler stand-in, which the API server asks to bind pods at create. */
  Scheduler scheduler() {
    return scheduler;
  }

  /** Stops every pod through its shim (see {@link Kubelet#drain}), all nodes at once. */
  void drain(Duration timeout) throws InterruptedException {
    List<Thread> drains =
        kubelets.stream()
            .map(
                k ->
                    Thread.ofVirtual()
                        .start(
                            () -> {
                              try {
                                k.drain(timeout);
                              } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                              }
                            }))
            .toList();
    for (Thread t : drains) {
      t.join();
    }
  }

  /** Tells {@code node}'s kubelet its shim is back (see {@link Kubelet#runtimeRestarted}). */
  void runtimeRestarted(String node) {
    kubelet(node).runtimeRestarted();
  }

  /**
   * Closes {@code node}'s kubelet: its shim cannot come back, so its pods' stop calls end now
   * instead of waiting out the drain.
   */
  void runtimeLost(String node) {
    kubelet(node).close();
  }

  private Kubelet kubelet(String node) {
    return kubelets.stream()
        .filter(k -> k.node().equals(node))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no kubelet of node " + node));
  }

  @Override
  public void close() {
    for (SharedIndexInformer<?> i : List.of(pods, services, namespaces, nodes)) {
      i.close();
    }
    scheduler.close();
    serviceController.close();
    namespaceController.close();
    kubelets.forEach(Kubelet::close);
  }
}
