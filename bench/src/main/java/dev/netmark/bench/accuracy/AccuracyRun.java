package dev.netmark.bench.accuracy;

import dev.netmark.api.MetricSource;
import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.fixtures.NetperfPods;
import dev.netmark.measurements.source.DirectMetricSourceFactory;
import dev.netmark.testing.local.ControlPlane;
import dev.netmark.testing.local.LocalCluster;
import dev.netmark.testing.local.LocalClusterSpec;
import dev.netmark.testing.local.delay.DelayCni;
import dev.netmark.testing.local.fabric.FabricSpec;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One local cluster whose CNI network is {@code netmark-delay} with one {@link Injection}: pods
 * created a batch per repetition, their shim records read exactly, paired with the plugin's truth.
 * Uses the prefix and address ranges set aside for this benchmark.
 */
final class AccuracyRun implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  /**
   * How long a pod's truth may lag its NETWORK_READY record: the plugin's detached timer writes
   * "restored" after its write lifting the hold returned, and the probes may see the datapath back
   * first.
   */
  private static final Duration TRUTH_GRACE = Duration.ofSeconds(5);

  private final DelayCni cni;
  private final LocalCluster cluster;
  private final MetricSource source;
  private final ProcLog procs;
  private MetricSource.Cursor cursor = MetricSource.Cursor.START;

  private AccuracyRun(DelayCni cni, LocalCluster cluster, ProcLog procs) {
    this.cni = cni;
    this.cluster = cluster;
    this.procs = procs;
    this.source = new DirectMetricSourceFactory().create(cluster.client(), Map.of());
  }

  /**
   * @param stamp the compiled front door put before the plugin, or null for the script alone
   * @param procs the kernel's process events, being recorded while this runs
   */
  static AccuracyRun start(
      Path dir, Injection injection, int nodes, TruthStamp stamp, ProcLog procs)
      throws InterruptedException, IOException {
    DelayCni cni = DelayCni.install(dir, injection.addDelayMs(), injection.holdDownMs());
    if (stamp != null) {
      stamp.frontOf(cni.binDir().resolve(DelayCni.PLUGIN));
    }
    FabricSpec fabric =
        FabricSpec.builder()
            .prefix("ncp")
            .nodes(nodes)
            .clusterCidr("10.170.0.0/16")
            .linkCidr("10.171.0.0/16")
            .serviceCidr("10.172.0.0/16")
            .externalCidr("10.173.0.0/24")
            .cni(cni.cniSetup())
            .build();
    // ACCURACY_SHIMS=in-process: the shims in this JVM, as `netmark run` hosts them by default;
    // otherwise a JVM per node's shim, as a real node runs it.
    boolean hosted = "in-process".equals(System.getenv("ACCURACY_SHIMS"));
    LocalCluster cluster =
        LocalCluster.start(LocalClusterSpec.of(fabric).withShimsInProcess(hosted));
    // No raw pings from the first pods: the benchmark's load is its own, and it reads no baseline.
    cluster.skipBaselines();
    try {
      ControlPlane.deploy(cluster.client(), cluster, Duration.ofSeconds(60));
      return new AccuracyRun(cni, cluster, procs);
    } catch (RuntimeException | InterruptedException e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * Creates {@code pods} netperf pods in a new namespace, {@code gap} apart so that their ADDs
   * barely overlap, waits until each is network-ready and pairs them with the truth, giving a late
   * truth up to {@link #TRUTH_GRACE}; pods still unpaired then are skipped and named, and so are
   * pods whose front door's process events were not seen by then.
   */
  PodError.Paired repetition(String namespace, int pods, Duration gap) throws InterruptedException {
    // Only this repetition's front doors are looked up: older events would only take memory.
    procs.forgetBefore(System.nanoTime());
    KubernetesClient kube = cluster.client();
    kube.resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    List<String> uids = new ArrayList<>();
    for (int i = 0; i < pods; i++) {
      uids.add(
          kube.resource(NetperfPods.of(namespace, "acc-" + i)).create().getMetadata().getUid());
      Thread.sleep(gap.toMillis());
    }
    List<PodEvent> events = collect(new HashSet<>(uids));
    long deadline = System.nanoTime() + TRUTH_GRACE.toNanos();
    PodError.Paired paired = PodError.pair(uids, events, cni.truth(), procs);
    while ((!paired.skipped().isEmpty() || !paired.kernelMissed().isEmpty())
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
      paired = PodError.pair(uids, events, cni.truth(), procs);
    }
    return paired;
  }

  private List<PodEvent> collect(Set<String> uids) throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    List<PodEvent> mine = new ArrayList<>();
    Set<String> ready = new HashSet<>();
    while (System.nanoTime() < deadline) {
      MetricSource.EventBatch b = source.events(cursor);
      cursor = b.next();
      for (PodEvent e : b.events()) {
        if (uids.contains(e.uid())) {
          mine.add(e);
          if (e.kind() == EventKind.NETWORK_READY) {
            ready.add(e.uid());
          }
        }
      }
      if (ready.containsAll(uids)) {
        return mine;
      }
      Thread.sleep(200);
    }
    // Not a crash: the pods without a NETWORK_READY record are skipped and named by pair().
    System.err.printf(
        "accuracy: %d of %d pods not network-ready within %s; skipping them%n",
        uids.size() - ready.size(), uids.size(), READY_TIMEOUT);
    return mine;
  }

  @Override
  public void close() {
    cluster.close();
  }
}
