package dev.netmark.bench.faults;

import dev.netmark.fixtures.NetperfPods;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The soak's load: {@code workers} loops, each creating a netperf pod, waiting until its probes
 * settled (NETWORK_READY or PROBE_FAILED, up to {@link #SETTLE}) and deleting it, until {@code
 * cycles} pods went through. A pod that did not settle in time is deleted all the same; the count
 * of defects finds it.
 */
final class Cycles {
  /** Past a hung plugin's timeout (30 s), kubelet's back-off and a shim restart or two. */
  static final Duration SETTLE = Duration.ofSeconds(120);

  private final KubernetesClient kube;
  private final String namespace;
  private final RecordWatch records;
  private final Map<String, String> created = new ConcurrentHashMap<>();
  private final List<String> unsettled = Collections.synchronizedList(new ArrayList<>());
  private final List<String> apiErrors = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger done = new AtomicInteger();

  Cycles(KubernetesClient kube, String namespace, RecordWatch records) {
    this.kube = kube;
    this.namespace = namespace;
    this.records = records;
  }

  /** Runs {@code cycles} create/settle/delete cycles on {@code workers} threads. */
  void run(int cycles, int workers) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Callable<Void>> loops = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        loops.add(
            () -> {
              for (int i; (i = next.getAndIncrement()) < cycles; ) {
                cycle("soak-" + i);
                done.incrementAndGet();
              }
              return null;
            });
      }
      for (Future<Void> f : pool.invokeAll(loops)) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("a soak worker failed: " + e.getCause(), e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void cycle(String name) throws InterruptedException {
    String uid;
    try {
      uid = kube.resource(NetperfPods.of(namespace, name)).create().getMetadata().getUid();
    } catch (KubernetesClientException e) {
      // Local mode's API server, not the node: noted, not a defect of the shim.
      apiErrors.add(name + " create: " + e.getMessage());
      return;
    }
    created.put(uid, name);
    if (!records.awaitSettled(uid, SETTLE)) {
      unsettled.add(name);
    }
    try {
      kube.pods().inNamespace(namespace).withName(name).withGracePeriod(0).delete();
    } catch (KubernetesClientException e) {
      apiErrors.add(name + " delete: " + e.getMessage());
    }
  }

  /** Cycles finished so far. */
  int done() {
    return done.get();
  }

  /** Pod UID to name, every pod created. */
  Map<String, String> created() {
    return Map.copyOf(created);
  }

  /** Pods deleted before their probes settled. */
  List<String> unsettled() {
    return List.copyOf(unsettled);
  }

  /** API calls that failed (the pod was skipped or may linger). */
  List<String> apiErrors() {
    return List.copyOf(apiErrors);
  }

  /** Waits until the namespace holds no pod, up to {@code timeout}. */
  boolean awaitEmpty(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!kube.pods().inNamespace(namespace).list().getItems().isEmpty()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(500);
    }
    return true;
  }
}
