package dev.netmark.testing.local.controllers;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-proxy's half of the {@link ServiceController}: each pass programs every service port whose
 * endpoints changed, all in one {@link ServiceProxy#program} call, and times each change from the
 * first pod or Service event that concerns it (seen by the informer, not yet programmed) to the
 * return of that call, when every node holds the rules (docs/design.md, "Local mode").
 *
 * <p>A pass works on the pods and Services the informers' handlers delivered, not on the informers'
 * stores: a store is updated before its handlers are called, so a pass reading it could program a
 * change whose event it has not seen yet, and the event, arriving for the next pass, would find
 * nothing left to time. Here the view and the events move together. Passes run on one thread;
 * {@link #seen} and {@link #gone} may be called from any.
 */
final class ProxySync {
  private static final Logger LOG = LoggerFactory.getLogger(ProxySync.class);

  /** An informer event: a pod (its labels) or a Service (its name) changed at {@code nanos}. */
  record Seen(long nanos, String namespace, String service, Map<String, String> labels) {
    boolean concerns(Owner o) {
      if (!namespace.equals(o.namespace())) {
        return false;
      }
      return service != null
          ? service.equals(o.name())
          : labels != null && labels.entrySet().containsAll(o.selector().entrySet());
    }
  }

  /** The Service a {@code vip:port} belongs to. */
  record Owner(String namespace, String name, Map<String, String> selector) {}

  private final ServiceProxy proxy;
  private final ServiceChanges changes;
  private final LongSupplier nanos;
  // Guarded by this: what the handlers delivered, and the events no pass has timed yet.
  private final Map<String, Pod> pods = new HashMap<>();
  private final Map<String, Service> services = new HashMap<>();
  private final List<Seen> pending = new ArrayList<>();
  private Map<String, List<String>> programmed = Map.of();
  private Map<String, Owner> owners = Map.of();

  ProxySync(ServiceProxy proxy, ServiceChanges changes, LongSupplier nanos) {
    this.proxy = proxy;
    this.changes = changes;
    this.nanos = nanos;
  }

  /**
   * Notes an informer add or update event; call it before the pass that must see it is triggered.
   */
  synchronized void seen(Object obj) {
    note(obj, true);
  }

  /** Notes an informer delete event; call it before the pass that must see it is triggered. */
  synchronized void gone(Object obj) {
    note(obj, false);
  }

  private void note(Object obj, boolean present) {
    long now = nanos.getAsLong();
    if (obj instanceof Pod p && p.getMetadata() != null) {
      keep(pods, p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(), p, present);
      pending.add(new Seen(now, p.getMetadata().getNamespace(), null, p.getMetadata().getLabels()));
    } else if (obj instanceof Service s && s.getMetadata() != null) {
      keep(services, s.getMetadata().getNamespace() + "/" + s.getMetadata().getName(), s, present);
      pending.add(new Seen(now, s.getMetadata().getNamespace(), s.getMetadata().getName(), null));
    }
  }

  private static <T> void keep(Map<String, T> view, String key, T obj, boolean present) {
    if (present) {
      view.put(key, obj);
    } else {
      view.remove(key);
    }
  }

  /** One pass: programs what changed since the last successful pass and times it. */
  void sync() throws InterruptedException {
    List<Seen> events;
    List<Service> services;
    List<Pod> pods;
    synchronized (this) {
      events = List.copyOf(pending);
      pending.clear();
      services = List.copyOf(this.services.values());
      pods = List.copyOf(this.pods.values());
    }
    Map<String, List<String>> desired = new TreeMap<>();
    Endpoints.of(services, pods)
        .forEach(
            (key, eps) -> {
              if (!eps.isEmpty()) {
                desired.put(key, eps);
              }
            });
    TreeSet<String> changed = new TreeSet<>();
    desired.forEach((k, v) -> addIf(changed, k, !v.equals(programmed.get(k))));
    programmed.keySet().forEach(k -> addIf(changed, k, !desired.containsKey(k)));
    Map<String, Owner> nowOwners = owners(services);
    if (changed.isEmpty()) {
      owners = nowOwners;
      return;
    }
    try {
      proxy.program(desired);
    } catch (RuntimeException e) {
      LOG.error("programming services {} failed: {}", changed, e.getMessage());
      synchronized (this) {
        pending.addAll(0, events); // the next pass retries them, timed from the same events
      }
      return;
    }
    long done = nanos.getAsLong();
    for (String key : changed) {
      Owner owner = nowOwners.getOrDefault(key, owners.get(key));
      long since =
          events.stream()
              .filter(e -> owner == null || e.concerns(owner))
              .mapToLong(Seen::nanos)
              .min()
              .orElse(Long.MAX_VALUE);
      List<String> eps = desired.getOrDefault(key, List.of());
      String name = owner == null ? key : owner.namespace() + "/" + owner.name() + " " + key;
      if (since != Long.MAX_VALUE) {
        changes.add(name, eps.size(), (done - since) / 1e6);
      }
      LOG.debug("service {}: {} endpoints programmed", name, eps.size());
    }
    programmed = Map.copyOf(desired);
    owners = nowOwners;
  }

  private static void addIf(Collection<String> to, String key, boolean yes) {
    if (yes) {
      to.add(key);
    }
  }

  /** Which Service each {@code vip:port} of {@link Endpoints#of} belongs to. */
  private static Map<String, Owner> owners(Collection<Service> services) {
    Map<String, Owner> out = new HashMap<>();
    for (Service s : services) {
      if (s.getSpec() == null || s.getSpec().getClusterIP() == null) {
        continue;
      }
      Map<String, String> selector =
          Objects.requireNonNullElse(s.getSpec().getSelector(), Map.of());
      Owner o = new Owner(s.getMetadata().getNamespace(), s.getMetadata().getName(), selector);
      for (ServicePort port : s.getSpec().getPorts()) {
        out.put(s.getSpec().getClusterIP() + ":" + port.getPort(), o);
      }
    }
    return out;
  }
}
