package dev.netmark.testing.local.controllers;

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
 * so pods spread evenly. Pod events are queued and handled on one thread, which also keeps the
 * scheduler's own count of pods per node, including binds whose events have not arrived yet (the
 * real scheduler's "assumed" pods).
 */
public final class Scheduler implements ResourceEventHandler<Pod>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  private record Event(Pod pod, boolean deleted) {}

  private final KubernetesClient kube;
  private final Supplier<List<Node>> nodes;
  private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
  private final Map<String, String> placed = new HashMap<>();
  private final Map<String, Integer> perNode = new HashMap<>();
  private final Map<String, Pod> unschedulable = new LinkedHashMap<>();
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

  private void handle(Event e) {
    String uid = e.pod().getMetadata().getUid();
    String phase = e.pod().getStatus() == null ? null : e.pod().getStatus().getPhase();
    boolean done = "Succeeded".equals(phase) || "Failed".equals(phase);
    if (e.deleted() || done) {
      place(uid, null);
      synchronized (this) {
        unschedulable.remove(uid);
      }
      return;
    }
    String bound = e.pod().getSpec().getNodeName();
    if (bound != null && !bound.isEmpty()) {
      place(uid, bound);
      return;
    }
    if (placed.containsKey(uid)) {
      return; // bound by us; the event saying so is on its way
    }
    String node = Placement.choose(e.pod(), nodes.get(), perNode);
    if (node == null) {
      synchronized (this) {
        if (unschedulable.put(uid, e.pod()) == null) {
          LOG.warn(
              "pod {}/{} fits no Ready node (nodeSelector {})",
              e.pod().getMetadata().getNamespace(),
              e.pod().getMetadata().getName(),
              e.pod().getSpec().getNodeSelector());
        }
      }
      return;
    }
    try {
      MockQuirks.bind(kube, e.pod(), node);
      place(uid, node);
      synchronized (this) {
        unschedulable.remove(uid);
      }
    } catch (KubernetesClientException ex) {
      if (ex.getCode() != 404) { // 404: deleted before it could be bound
        LOG.warn(
            "binding {} to {} failed: {}", e.pod().getMetadata().getName(), node, ex.getMessage());
      }
    }
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
