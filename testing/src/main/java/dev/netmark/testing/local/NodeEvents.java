package dev.netmark.testing.local;

import dev.netmark.api.ClusterEvent;
import dev.netmark.testing.local.kubelet.Kubelet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What the shim supervisor reports, kept for the run: restarts as {@link ClusterEvent}s (and the
 * node's kubelet told to re-sync), and the first node given up as the cluster's failure, handed to
 * whoever asks for it (before or after it happened). Thread-safe.
 */
final class NodeEvents implements ShimSupervisor.Listener {
  private final List<ClusterEvent> events = new ArrayList<>();
  private final Map<String, Kubelet> kubelets = new ConcurrentHashMap<>();
  private final List<Consumer<String>> onFailure = new ArrayList<>();
  private String failure;

  void kubelet(Kubelet k) {
    kubelets.put(k.node(), k);
  }

  @Override
  public void restarted(ClusterEvent event) {
    synchronized (this) {
      events.add(event);
    }
    Kubelet k = kubelets.get(event.node());
    if (k != null) {
      k.runtimeRestarted();
    }
  }

  @Override
  public void gaveUp(String node, String message) {
    List<Consumer<String>> tell;
    synchronized (this) {
      if (failure != null) {
        return;
      }
      failure = message;
      tell = List.copyOf(onFailure);
    }
    tell.forEach(c -> c.accept(message));
  }

  synchronized List<ClusterEvent> events() {
    return List.copyOf(events);
  }

  /** Calls {@code c} with the failure: now if there was one, else when it happens. */
  void onFailure(Consumer<String> c) {
    String now;
    synchronized (this) {
      onFailure.add(c);
      now = failure;
    }
    if (now != null) {
      c.accept(now);
    }
  }
}
