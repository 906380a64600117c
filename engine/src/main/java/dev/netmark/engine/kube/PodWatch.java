package dev.netmark.engine.kube;

import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.util.HashSet;
import java.util.Set;

/**
 * List + watch of the pods of one namespace (or all), feeding a {@link PodTracker}. When the watch
 * ends with an error (410 Gone after compaction, a dropped connection) it lists and watches again,
 * as an informer would, but without caching whole Pod objects; like an informer's relist, a pod the
 * new list no longer has was deleted in the gap and is marked so.
 */
final class PodWatch implements Watcher<Pod> {
  private static final long LIST_PAGE = 500;
  private static final long REWATCH_DELAY_MILLIS = 1000;

  private final KubernetesClient kube;
  private final String namespace;
  private final String labelSelector;
  private final PodTracker tracker;
  private volatile Watch watch;
  private volatile boolean closed;

  PodWatch(KubernetesClient kube, String namespace, String labelSelector, PodTracker tracker) {
    this.kube = kube;
    this.namespace = namespace;
    this.labelSelector = labelSelector;
    this.tracker = tracker;
  }

  /** Lists the current pods (in pages), then watches from the list's resource version. */
  void start() {
    String version = null;
    String next = null;
    Set<String> listed = new HashSet<>();
    do {
      PodList page =
          pods()
              .list(
                  new ListOptionsBuilder()
                      .withLabelSelector(labelSelector)
                      .withLimit(LIST_PAGE)
                      .withContinue(next)
                      .build());
      for (Pod pod : page.getItems()) {
        tracker.observe(pod);
        listed.add(PodTracker.key(pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
      }
      next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
      version = page.getMetadata() == null ? null : page.getMetadata().getResourceVersion();
    } while (next != null && !next.isEmpty());
    tracker.deletedUnless(namespace, listed);
    ListOptions options =
        new ListOptionsBuilder()
            .withLabelSelector(labelSelector)
            .withResourceVersion(version)
            .withAllowWatchBookmarks(true)
            .build();
    synchronized (this) {
      if (!closed) {
        watch = pods().watch(options, this);
      }
    }
  }

  private FilterWatchListDeletable<Pod, PodList, PodResource> pods() {
    return namespace == null ? kube.pods().inAnyNamespace() : kube.pods().inNamespace(namespace);
  }

  @Override
  public void eventReceived(Action action, Pod pod) {
    switch (action) {
      case ADDED, MODIFIED -> tracker.observe(pod);
      case DELETED -> tracker.deleted(pod);
      case BOOKMARK, ERROR -> {
        // Bookmarks only move the resource version; errors arrive through onClose.
      }
    }
  }

  @Override
  public void onClose(WatcherException cause) {
    if (closed) {
      return;
    }
    watch = null;
    Thread.ofVirtual().name("netmark-pod-rewatch").start(this::restart);
  }

  private void restart() {
    while (!closed) {
      try {
        Thread.sleep(REWATCH_DELAY_MILLIS);
        start();
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // The API server is unreachable for now; the loop tries again after the delay.
      }
    }
  }

  boolean open() {
    return watch != null;
  }

  synchronized void close() {
    closed = true;
    if (watch != null) {
      watch.close();
    }
  }
}
