package dev.netmark.testing.local;

import dev.netmark.api.Baseline;
import dev.netmark.api.ClusterEvent;
import dev.netmark.api.Summary;
import dev.netmark.contract.ProbeTargets;
import dev.netmark.shim.targets.ProbeTargetsJson;
import dev.netmark.testing.local.api.ApiServer;
import dev.netmark.testing.local.controllers.ServiceChanges;
import dev.netmark.testing.local.fabric.Fabric;
import dev.netmark.testing.local.fabric.NodePlan;
import dev.netmark.testing.local.host.HostException;
import dev.netmark.testing.local.kubelet.Kubelet;
import dev.netmark.testing.local.kubelet.SandboxWatch;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kubernetes cluster on this machine (local mode): an in-process API server, N emulated nodes
 * (network namespaces with real CNI networks, each with a real shim process and a kubelet
 * stand-in), a scheduler, service and namespace controllers, control pods on the fabric and an
 * external target. Usable from tests without the CLI:
 *
 * <pre>{@code
 * try (LocalCluster c = LocalCluster.start(LocalClusterSpec.of(FabricSpec.builder().nodes(3).build()))) {
 *   c.client().pods()...
 * }
 * }</pre>
 *
 * {@link #close} removes everything (processes by PID, namespaces, links, iptables rules, state),
 * also from a shutdown hook on Ctrl-C. Not for concurrent runs with the same prefix.
 */
public final class LocalCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
  private final LocalClusterSpec spec;
  private final Fabric fabric;
  private final ClusterTeardown teardown;
  private ApiServer api;
  private KubernetesClient kube;
  private ControlLoops loops;
  private final NodeEvents nodeEvents = new NodeEvents();
  private final ServiceChanges serviceChanges = new ServiceChanges();
  private ShimSupervisor supervisor;
  private FabricControlPods controlPods;
  private RawProbes rawProbes;
  private SharedIndexInformer<ConfigMap> targetsInformer;
  private volatile PublishedTargets published;
  private MachineSpeed machineSpeed;
  private final PodWork podWork = new PodWork();

  /** The probe targets' JSON as last read and its parse, so an unchanged ConfigMap parses once. */
  private record PublishedTargets(String json, ProbeTargets targets) {}

  private LocalCluster(LocalClusterSpec spec, Fabric fabric) {
    this.spec = spec;
    this.fabric = fabric;
    this.teardown = new ClusterTeardown(this);
  }

  /**
   * Starts a cluster: fabric, API server, shims (waiting until each is healthy), Node objects,
   * kubelets and controllers, cluster info.
   *
   * @throws HostException saying what is missing or went wrong; nothing is left behind
   */
  public static LocalCluster start(LocalClusterSpec spec) throws InterruptedException {
    LocalCluster c = new LocalCluster(spec, Fabric.create(spec.fabric()));
    try {
      c.boot();
      return c;
    } catch (RuntimeException | InterruptedException e) {
      try {
        c.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private void boot() throws InterruptedException {
    teardown.installHook();
    api = ApiServer.start(fabric.hostIp());
    Path kubeconfig = write(runDir().resolve("kubeconfig"), api.kubeconfig());
    if (spec.kubeconfigOut() != null) {
      write(spec.kubeconfigOut(), api.kubeconfig());
    }
    kube = api.newClient();
    Nodes nodes = Nodes.start(fabric, spec, kubeconfig, kube);
    List<Kubelet> kubelets = new ArrayList<>();
    controlPods = new FabricControlPods(fabric);
    // Before any pod: the raw pings' targets come from a watch, their namespaces from the sandbox
    // id and their echoes from a thread already running (docs/design.md, "Raw baseline").
    targetsInformer =
        kube.configMaps()
            .inNamespace(ProbeTargets.NAMESPACE)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(ConfigMap cm) {
                    parseTargets(cm);
                  }

                  @Override
                  public void onUpdate(ConfigMap before, ConfigMap cm) {
                    parseTargets(cm);
                  }

                  @Override
                  public void onDelete(ConfigMap cm, boolean unknownFinalState) {}
                });
    rawProbes =
        new RawProbes(
            fabric.nodes().size(),
            this::probeTargets,
            Nodes::podNetns,
            RawPinger.start(),
            new Random());
    for (NodePlan n : fabric.nodes()) {
      kubelets.add(
          Kubelet.start(
              n.name(),
              n.ip(),
              kube,
              nodes.socket(n),
              controlPods,
              n.dir().resolve("pods"),
              spec.backoff(),
              SandboxWatch.both(rawProbes, podWork)));
    }
    kubelets.forEach(nodeEvents::kubelet);
    supervisor =
        new ShimSupervisor(
            fabric,
            nodes.shims(),
            spec.restarts(),
            runDir().resolve("logs"),
            nodeEvents,
            Clock.systemUTC());
    supervisor.start();
    loops = new ControlLoops(kube, fabric, kubelets, serviceChanges);
    loops.start();
    api.bindAtCreate(loops.scheduler());
    ClusterInfo.publish(kube, fabric);
    machineSpeed = MachineSpeed.start(fabric.plan().prefix(), runDir(), podWork);
  }

  private static Path write(Path file, String text) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new HostException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** A kubeconfig (YAML) for the cluster's API server. */
  public String kubeconfig() {
    return api.kubeconfig();
  }

  /** The cluster's own client; do not close it. */
  public KubernetesClient client() {
    return kube;
  }

  /** The emulated network. */
  public Fabric fabric() {
    return fabric;
  }

  /** The node names, in order. */
  public List<String> nodeNames() {
    return fabric.nodes().stream().map(NodePlan::name).toList();
  }

  /** The run's state directory (logs under {@code logs/}). */
  public Path runDir() {
    return fabric.plan().runDir();
  }

  /** Node restarts so far, oldest first (docs/design.md, "Local mode"). */
  public List<ClusterEvent> events() {
    return nodeEvents.events();
  }

  /**
   * What local mode's own machinery took during the run: the {@code ServiceProxy} summary of its
   * kube-proxy stand-in ({@link ServiceChanges}), none when no service changed.
   */
  public List<Summary> summaries() {
    return serviceChanges.summary().stream().toList();
  }

  /** Every service change the kube-proxy stand-in programmed so far, oldest first. */
  public List<ServiceChanges.Change> serviceChanges() {
    return serviceChanges.all();
  }

  /**
   * Local mode's raw baseline (docs/design.md, "Raw baseline"): the nodes' CNI chain run from a
   * plain script on an idle node, beside {@code cni_add}, and a plain ping of the node's control
   * pod from the same pods, beside {@code probe_same_node}; and the machine reference timed while
   * the test ran ({@link MachineSpeed}, docs/design.md "Machine reference"). Call it after the
   * test.
   */
  public List<Baseline> baselines() throws InterruptedException {
    Baseline machine = machineSpeed == null ? null : machineSpeed.stop();
    List<Baseline> concurrent = concurrentBaselines();
    List<Baseline> all =
        new ArrayList<>(
            RawBaseline.measure(fabric, controlPods == null ? Map.of() : controlPods.ips()));
    all.addAll(concurrent);
    if (machine != null) {
      all.add(machine);
    }
    return all;
  }

  /** The raw pings run during the test, once the last has ended, beside netmark's numbers. */
  private List<Baseline> concurrentBaselines() throws InterruptedException {
    if (rawProbes == null) {
      return List.of();
    }
    rawProbes.close();
    Set<String> uids = Set.copyOf(rawProbes.sampledUids());
    Map<String, Map<String, Double>> netmark = new HashMap<>();
    for (int i = 0; i < fabric.nodes().size() && !uids.isEmpty(); i++) {
      String addr = supervisor.shim(i).command().metricsAddr();
      try {
        SampledRecords.read(addr, uids, netmark);
      } catch (IOException | RuntimeException e) {
        LOG.warn("reading the records of {} for the raw baseline failed: {}", addr, e.toString());
      }
    }
    return ConcurrentBaselines.of(rawProbes.shots(), uids.size(), netmark);
  }

  /**
   * The probe targets the engine published, or null before it did: parsed by the watch when they
   * change, so a pod's sandbox only reads a field; a direct read when the watch has not seen them.
   */
  private ProbeTargets probeTargets() {
    PublishedTargets last = published;
    if (last != null) {
      return last.targets();
    }
    return parseTargets(
        kube.configMaps()
            .inNamespace(ProbeTargets.NAMESPACE)
            .withName(ProbeTargets.CONFIGMAP_NAME)
            .get());
  }

  /** Parses the probe targets' ConfigMap once per change of its JSON; null for another one. */
  private ProbeTargets parseTargets(ConfigMap cm) {
    if (cm == null
        || !ProbeTargets.CONFIGMAP_NAME.equals(cm.getMetadata().getName())
        || cm.getData() == null
        || cm.getData().get(ProbeTargets.CONFIGMAP_KEY) == null) {
      return null;
    }
    String json = cm.getData().get(ProbeTargets.CONFIGMAP_KEY);
    PublishedTargets last = published;
    if (last == null || !last.json().equals(json)) {
      last =
          new PublishedTargets(
              json,
              ProbeTargetsJson.parse(
                  json, ProbeTargets.NAMESPACE + "/" + ProbeTargets.CONFIGMAP_NAME));
      published = last;
    }
    return last.targets();
  }

  /** Stops the raw pings and their watch at once (teardown). */
  void stopRawPings() {
    if (rawProbes != null) {
      rawProbes.skip();
    }
    if (targetsInformer != null) {
      targetsInformer.close();
    }
  }

  /**
   * {@code --no-raw-baseline}: no pod of the test is sampled for the concurrent raw pings, and the
   * machine reference stops.
   */
  public void skipBaselines() {
    if (rawProbes != null) {
      rawProbes.skip();
    }
    if (machineSpeed != null) {
      machineSpeed.close();
    }
  }

  /**
   * Calls {@code c} once, from any thread, when a node's shim stays down (over the restart limit),
   * with a message naming the node and holding the shim's last log lines; at once if that already
   * happened.
   */
  public void onFailure(Consumer<String> c) {
    nodeEvents.onFailure(c);
  }

  /** The PID of the shim that runs on node {@code node} now. */
  public long shimPid(String node) {
    return supervisor.shim(nodeNames().indexOf(node)).pid();
  }

  /** The shim supervisor, null before the nodes are up; teardown stops it first. */
  ShimSupervisor supervisor() {
    return supervisor;
  }

  LocalClusterSpec spec() {
    return spec;
  }

  ControlLoops loops() {
    return loops;
  }

  KubernetesClient kube() {
    return kube;
  }

  ApiServer api() {
    return api;
  }

  /** Tears everything down; safe to call twice and from several threads. */
  @Override
  public void close() {
    if (machineSpeed != null) {
      machineSpeed.close();
    }
    teardown.run();
  }
}
