package dev.netmark.measurements.network;

import dev.netmark.api.NetmarkException;
import dev.netmark.contract.MetricNames;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pods matching a label selector from {@code start} to {@code gather}, from the API server:
 * shim events carry namespace, name and UID but no labels, and no creation time. A list at start, a
 * watch in between (so pods created and deleted under churn are not missed) and a list at gather.
 * Keeps one small entry per pod.
 */
final class PodDirectory implements AutoCloseable {
  /**
   * A pod seen in the API: its namespace and when it was created (epoch ms, 0 when unknown): the
   * engine's create request ({@link MetricNames#ANNOTATION_CREATE_REQUEST_MS}) when the engine made
   * it, else the API's creationTimestamp; its application tier, or null (docs/design.md,
   * "Application models").
   */
  record Known(String namespace, long createdMs, String tier) {}

  private final KubernetesClient kube;
  private final String selector;
  private final Map<String, Known> seen = new ConcurrentHashMap<>();
  private final Map<String, Long> callTimeoutsMs = new ConcurrentHashMap<>();
  private volatile String watchProblem;
  private Watch watch;

  private PodDirectory(KubernetesClient kube, String selector) {
    this.kube = kube;
    this.selector = selector;
  }

  /**
   * Lists and starts watching pods matching {@code selector} in every namespace (the test's
   * namespaces usually do not exist yet at start).
   *
   * @throws NetmarkException naming the selector when the API server refuses
   */
  static PodDirectory start(KubernetesClient kube, String selector) {
    PodDirectory d = new PodDirectory(kube, selector);
    String version = d.list().getMetadata().getResourceVersion();
    try {
      d.watch =
          kube.pods()
              .inAnyNamespace()
              .withLabelSelector(selector)
              .watch(new ListOptionsBuilder().withResourceVersion(version).build(), d.watcher());
    } catch (KubernetesClientException e) {
      throw new NetmarkException(
          "cannot watch pods matching '" + selector + "': " + e.getMessage(), e);
    }
    return d;
  }

  /** Lists again and returns the UIDs that exist now; remembers any pod not seen before. */
  Set<String> refresh() {
    Set<String> now = new HashSet<>();
    for (Pod p : list().getItems()) {
      now.add(p.getMetadata().getUid());
    }
    return now;
  }

  /** UIDs of every pod seen in the given namespaces since start. */
  Set<String> uidsIn(Set<String> namespaces) {
    Set<String> out = new HashSet<>();
    seen.forEach(
        (uid, k) -> {
          if (namespaces.contains(k.namespace())) {
            out.add(uid);
          }
        });
    return out;
  }

  OptionalLong createdMs(String uid) {
    Known k = seen.get(uid);
    return k == null || k.createdMs() == 0 ? OptionalLong.empty() : OptionalLong.of(k.createdMs());
  }

  /** The application tier of a pod seen since start, or null. */
  String tier(String uid) {
    Known k = seen.get(uid);
    return k == null ? null : k.tier();
  }

  /**
   * The request timeout of {@code edge} in {@code namespace}, from the command of its client pods,
   * or {@link AppPods#DEFAULT_TIMEOUT_MS} when no such pod was seen.
   */
  long callTimeoutMs(String namespace, String edge) {
    return callTimeoutsMs.getOrDefault(namespace + "/" + edge, AppPods.DEFAULT_TIMEOUT_MS);
  }

  String selector() {
    return selector;
  }

  /** Why the watch stopped early, or null: pods created and deleted after that may be missing. */
  String watchProblem() {
    return watchProblem;
  }

  @Override
  public void close() {
    if (watch != null) {
      watch.close();
    }
  }

  private PodList list() {
    try {
      PodList list = kube.pods().inAnyNamespace().withLabelSelector(selector).list();
      list.getItems().forEach(this::remember);
      return list;
    } catch (KubernetesClientException e) {
      throw new NetmarkException(
          "cannot list pods matching '" + selector + "': " + e.getMessage(), e);
    }
  }

  private void remember(Pod p) {
    var meta = p.getMetadata();
    if (meta != null && meta.getUid() != null) {
      seen.putIfAbsent(
          meta.getUid(), new Known(meta.getNamespace(), createdMs(meta), AppPods.tier(p)));
      AppPods.callTimeouts(p)
          .forEach(
              (edge, ms) -> callTimeoutsMs.merge(meta.getNamespace() + "/" + edge, ms, Math::max));
    }
  }

  private static long createdMs(io.fabric8.kubernetes.api.model.ObjectMeta meta) {
    Map<String, String> annotations = meta.getAnnotations();
    String requested =
        annotations == null ? null : annotations.get(MetricNames.ANNOTATION_CREATE_REQUEST_MS);
    if (requested != null && requested.matches("\\d{1,15}")) {
      return Long.parseLong(requested);
    }
    return parse(meta.getCreationTimestamp());
  }

  private static long parse(String timestamp) {
    try {
      return timestamp == null ? 0 : Instant.parse(timestamp).toEpochMilli();
    } catch (DateTimeParseException e) {
      return 0; // counted as "no creation time" in the notes, which is what it is
    }
  }

  private Watcher<Pod> watcher() {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        remember(pod);
      }

      @Override
      public void onClose(WatcherException cause) {
        watchProblem = cause.getMessage();
      }
    };
  }
}
