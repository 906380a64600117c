package dev.netmark.testing.local.controllers;

import dev.netmark.testing.local.api.BindAtCreate;
import dev.netmark.testing.local.api.MockQuirks;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kube-scheduler stand-in: binds each pending pod (no {@code spec.nodeName}) to a Ready node
 * whose labels match its {@code nodeSelector}, the one with the fewest pods first (ties by name),
 * so pods spread evenly. Pod events are queued and handled on one thread; the scheduler keeps its
 * own count of pods per node, including binds whose events have not arrived yet (the real
 * scheduler's "assumed" pods).
 *
 * <p>The local API server asks {@link #nodeAtCreate} for every pod created without a node, and
 * stores the pod bound: one write per pod instead of a create and a bind (docs/design.md, "Local
 * mode"). A pod no node fits then is created pending and bound here once one does.
 */
public final class Scheduler implements ResourceEventHandler<Pod>, BindAtCreate, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  private record Event(Pod pod, boolean deleted) {}

  private final KubernetesClient kube;
  private final Supplier<List<Node>> nodes;
  private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
  private final Map<String, String> placed = new HashMap<>();
  private final Map<String, Integer> perNode = new HashMap<>();
  private final Map<String, Pod> unschedulable = new LinkedHashMap<>();
  // Pods bound at create whose event has not arrived yet, by namespace/name: the UID is the API
  // server's, given after the choice.
  private final Map<String, String> boundAtCreate = new HashMap<>();
  private final Thread thread;

  /**
   * @param nodes the cluster's nodes (an informer's store), read at every decision
   */
  public Scheduler(KubernetesClient kube, Supplier<List<Node>> nodes) {
    this.kube = kube;
    this.nodes = nodes;
    this.thread = Thread.ofPlatform().daemon().name("scheduler").start(this::loop);
  }

  @Override
  public void onAdd(Pod pod) {
    queue.add(new Event(pod, false));
  }

  @Override
  public void onUpdate(Pod old, Pod pod) {
    queue.add(new Event(pod, false));
  }

  @Override
  public void onDelete(Pod pod, boolean finalStateUnknown) {
    queue.add(new Event(pod, true));
  }

  /** Tries the pods no node fitted again, e.g. after nodes changed. */
  public void retryUnschedulable() {
    List.copyOf(unschedulableSnapshot()).forEach(this::onAdd);
  }

  private synchronized List<Pod> unschedulableSnapshot() {
    return List.copyOf(unschedulable.values());
  }

  private void loop() {
    try {
      while (true) {
        handle(queue.take());
      }
    } catch (InterruptedException e) {
      // close(): stop scheduling.
    }
  }

  /**
   * The node for {@code pod}, being created without one, counted as placed there; null when no node
   * fits it now (it is then created pending). Called by the API server, on its own thread, before
   * it stores the pod; if the create fails after all, {@link #notCreated} takes the count back.
   */
  @Override
  public synchronized String nodeAtCreate(Pod pod) {
    String node = Placement.choose(pod, nodes.get(), perNode);
    if (node != null && boundAtCreate.put(key(pod), node) == null) {
      perNode.merge(node, 1, Integer::sum);
    }
    return node;
  }

  @Override
  public synchronized void notCreated(Pod pod) {
    String node = boundAtCreate.remove(key(pod));
    if (node != null) {
      perNode.merge(node, -1, Integer::sum);
    }
  }

  private static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  private void handle(Event e) {
    String node = decide(e);
    if (node == null) {
      return;
    }
    // Not under the lock: the API server takes it (nodeAtCreate) while it answers requests.
    try {
      MockQuirks.bind(kube, e.pod(), node);
      synchronized (this) {
        place(e.pod().getMetadata().getUid(), node);
        unschedulable.remove(e.pod().getMetadata().getUid());
      }
    } catch (KubernetesClientException ex) {
      if (ex.getCode() != 404) { // 404: deleted before it could be bound
        LOG.warn(
            "binding {} to {} failed: {}", e.pod().getMetadata().getName(), node, ex.getMessage());
      }
    }
  }

  /** Updates the counts for {@code e}; the node to bind its pod to, or null. */
  private synchronized String decide(Event e) {
    String uid = e.pod().getMetadata().getUid();
    String phase = e.pod().getStatus() == null ? null : e.pod().getStatus().getPhase();
    boolean done = "Succeeded".equals(phase) || "Failed".equals(phase);
    if (e.deleted() || done) {
      place(uid, null);
      unschedulable.remove(uid);
      return null;
    }
    String bound = e.pod().getSpec().getNodeName();
    if (bound != null && !bound.isEmpty()) {
      String atCreate = boundAtCreate.remove(key(e.pod()));
      if (atCreate != null && !placed.containsKey(uid)) {
        perNode.merge(atCreate, -1, Integer::sum); // counted at create; place() counts it now
      }
      place(uid, bound);
      return null;
    }
    if (placed.containsKey(uid)) {
      return null; // bound by us; the event saying so is on its way
    }
    String node = Placement.choose(e.pod(), nodes.get(), perNode);
    if (node == null && unschedulable.put(uid, e.pod()) == null) {
      LOG.warn(
          "pod {}/{} fits no Ready node (nodeSelector {})",
          e.pod().getMetadata().getNamespace(),
          e.pod().getMetadata().getName(),
          e.pod().getSpec().getNodeSelector());
    }
    return node;
  }

  private void place(String uid, String node) {
    String old = node == null ? placed.remove(uid) : placed.put(uid, node);
    if (old != null) {
      perNode.merge(old, -1, Integer::sum);
    }
    if (node != null) {
      perNode.merge(node, 1, Integer::sum);
    }
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
