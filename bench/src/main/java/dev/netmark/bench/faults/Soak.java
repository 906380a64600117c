package dev.netmark.bench.faults;

import dev.netmark.measurements.source.DirectMetricSourceFactory;
import dev.netmark.testing.local.ControlPlane;
import dev.netmark.testing.local.LocalCluster;
import dev.netmark.testing.local.fabric.NodePlan;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One soak on a running local cluster: the full-disk tmpfs under one node's shim, the cycles with
 * shim kills and the full disk at random points of them, then the count of defects.
 */
final class Soak {
  private static final String NAMESPACE = "soak";
  private static final int DISK_MIB = 64;

  /** How long, once the last pod is deleted, its DEL record may take (a shim may be restarting). */
  private static final Duration DRAIN = Duration.ofSeconds(90);

  private final FaultSoak.Size size;
  private final Random random;
  private final Defects defects;
  private ShimKiller killer;
  private Cycles cycles;
  private String diskNode = "";
  private volatile boolean over;

  Soak(FaultSoak.Size size, Random random, Defects defects) {
    this.size = size;
    this.random = random;
    this.defects = defects;
  }

  private interface Fault {
    void inject() throws InterruptedException;
  }

  void run(LocalCluster cluster, Path dir) throws InterruptedException {
    KubernetesClient kube = cluster.client();
    ControlPlane.deploy(kube, cluster, Duration.ofSeconds(90));
    List<String> gaveUp = Collections.synchronizedList(new ArrayList<>());
    cluster.onFailure(gaveUp::add);
    killer = new ShimKiller(cluster, random);
    NodePlan node = cluster.fabric().nodes().get(1 % cluster.fabric().nodes().size());
    diskNode = node.name();
    Path scratch = dir.resolve("state-copy");
    try (FullDisk disk =
        FullDisk.mount(node.dir().resolve("shim"), killer.awaitHealthy(node), DISK_MIB, scratch)) {
      killer.awaitHealthy(node);
      HostState before = HostState.take(cluster, FaultSoak.PREFIX);
      kube.resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .create();
      try (RecordWatch records =
          new RecordWatch(new DirectMetricSourceFactory().create(kube, Map.of()))) {
        cycles = new Cycles(kube, NAMESPACE, records);
        TreeMap<Integer, List<Fault>> plan = new TreeMap<>();
        for (int k = 0; k < size.kills(); k++) {
          int at = size.cycles() / 20 + random.nextInt(size.cycles() * 9 / 10);
          plan.computeIfAbsent(at, a -> new ArrayList<>()).add(killer::killRandom);
        }
        plan.computeIfAbsent(size.cycles() / 2, a -> new ArrayList<>())
            .add(() -> fillDisk(disk, node));
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread faults = Thread.ofPlatform().name("soak-faults").start(() -> inject(plan, failed));
        try {
          cycles.run(size.cycles(), size.workers());
        } finally {
          over = true;
          faults.join();
        }
        if (failed.get() != null) {
          throw new IllegalStateException(
              "injecting a fault failed: " + failed.get(), failed.get());
        }
        count(cluster, records, before, gaveUp);
      }
      disk.unmount(killer.awaitHealthy(node));
      killer.awaitHealthy(node);
    }
  }

  private void fillDisk(FullDisk disk, NodePlan node) throws InterruptedException {
    System.err.println(
        "fault-soak: the state disk of " + node.name() + " is full for " + size.diskFull());
    disk.fillFor(size.diskFull());
  }

  /** Injects each fault once the cycles done reach its point; the faults due last wait for all. */
  private void inject(TreeMap<Integer, List<Fault>> plan, AtomicReference<Throwable> failed) {
    try {
      for (var e : plan.entrySet()) {
        while (cycles.done() < e.getKey()) {
          if (over) {
            return;
          }
          Thread.sleep(100);
        }
        for (Fault f : e.getValue()) {
          f.inject();
        }
      }
    } catch (InterruptedException | RuntimeException e) {
      failed.set(e);
    }
  }

  private void count(
      LocalCluster cluster, RecordWatch records, HostState before, List<String> gaveUp)
      throws InterruptedException {
    if (!cycles.awaitEmpty(DRAIN)) {
      System.err.println("fault-soak: pods still listed " + DRAIN + " after the last deletion");
    }
    Map<String, String> created = cycles.created();
    records.await(DRAIN, () -> Defects.recordsLost(created, records.events()).isEmpty());
    List<String> down = new ArrayList<>(gaveUp);
    for (NodePlan n : cluster.fabric().nodes()) {
      if (!killer.cameBack(n)) {
        down.add(n.name() + ": /healthz did not answer 200");
      }
    }
    defects.add(Defects.SHIMS, down);
    defects.add(Defects.RECORDS, Defects.recordsLost(created, records.events()));
    defects.add(Defects.UNPROBED, Defects.unprobed(created, records.events()));
    HostState leaked = before.leakedBy(HostState.take(cluster, FaultSoak.PREFIX));
    defects.add(Defects.NETNS, leaked.netns());
    defects.add(Defects.IPS, leaked.ips());
    defects.add(Defects.VETHS, leaked.veths());
  }

  ShimKiller killer() {
    return killer;
  }

  Cycles cycles() {
    return cycles;
  }

  String diskNode() {
    return diskNode;
  }
}
