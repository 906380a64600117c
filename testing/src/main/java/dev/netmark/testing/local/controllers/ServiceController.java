package dev.netmark.testing.local.controllers;

import dev.netmark.testing.local.api.MockQuirks;
import dev.netmark.testing.local.host.Cidr;
import dev.netmark.testing.local.host.Ipv4;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the API server's service IP allocator, the endpoints controller and kube-proxy do for
 * services, in one reconcile loop: a service without a cluster IP gets the next free one of the
 * service CIDR (from its 10th address on, as the fabric's default VIP); the ready pods its selector
 * picks become its endpoints; and every change of endpoints is programmed into the nodes through a
 * {@link ServiceProxy}, timed ({@link ProxySync}, {@link ServiceChanges}). Any service or pod event
 * marks the state dirty; the loop then recomputes everything at once from what the events delivered
 * and programs the nodes once if anything changed.
 */
public final class ServiceController implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceController.class);
  static final int FIRST_OFFSET = 10;

  private final KubernetesClient kube;
  private final Cidr serviceCidr;
  private final Supplier<Collection<Service>> services;
  private final ProxySync sync;
  private final Semaphore dirty = new Semaphore(0);
  private final Map<String, String> assigned = new HashMap<>();
  private final Thread thread;

  public ServiceController(
      KubernetesClient kube,
      Cidr serviceCidr,
      Supplier<Collection<Service>> services,
      ServiceProxy proxy,
      ServiceChanges changes) {
    this.kube = kube;
    this.serviceCidr = serviceCidr;
    this.services = services;
    this.sync = new ProxySync(proxy, changes, System::nanoTime);
    this.thread = Thread.ofPlatform().daemon().name("service-controller").start(this::loop);
  }

  /** A handler that marks the state dirty on every event; register it on both informers. */
  public <T> ResourceEventHandler<T> trigger() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        changed(obj);
      }

      @Override
      public void onUpdate(T old, T obj) {
        changed(obj);
      }

      @Override
      public void onDelete(T obj, boolean finalStateUnknown) {
        sync.gone(obj);
        dirty.release();
      }
    };
  }

  private void changed(Object obj) {
    sync.seen(obj);
    dirty.release();
  }

  private void loop() {
    try {
      while (true) {
        dirty.acquire();
        dirty.drainPermits(); // one pass covers every event so far
        reconcile();
      }
    } catch (InterruptedException e) {
      // close(): stop.
    }
  }

  private void reconcile() throws InterruptedException {
    Collection<Service> all = services.get();
    allocate(all);
    sync.sync();
  }

  private void allocate(Collection<Service> all) {
    // Services by UID that this loop gave an IP: the informer's store may not show it yet, and a
    // second pass must neither give the service another IP (a ClusterIP never changes; the engine
    // may already have read the first) nor give that IP to another service.
    Set<String> present = new HashSet<>();
    all.forEach(s -> present.add(s.getMetadata().getUid()));
    assigned.keySet().retainAll(present);
    Set<String> used = new HashSet<>(assigned.values());
    all.forEach(s -> used.add(s.getSpec().getClusterIP()));
    long next = FIRST_OFFSET;
    for (Service s : all) {
      String ip = s.getSpec().getClusterIP();
      if ((ip != null && !ip.isEmpty())
          || "ExternalName".equals(s.getSpec().getType())
          || assigned.containsKey(s.getMetadata().getUid())) {
        continue;
      }
      while (next < serviceCidr.size() - 1
          && used.contains(Ipv4.format(serviceCidr.address(next)))) {
        next++;
      }
      if (next >= serviceCidr.size() - 1) {
        LOG.error(
            "service CIDR {} is full; {} gets no cluster IP",
            serviceCidr,
            s.getMetadata().getName());
        return;
      }
      String chosen = Ipv4.format(serviceCidr.address(next));
      try {
        MockQuirks.setClusterIp(
            kube, s.getMetadata().getNamespace(), s.getMetadata().getName(), chosen);
        used.add(chosen);
        assigned.put(s.getMetadata().getUid(), chosen);
      } catch (KubernetesClientException e) {
        LOG.warn(
            "setting the cluster IP of {} failed: {}", s.getMetadata().getName(), e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
