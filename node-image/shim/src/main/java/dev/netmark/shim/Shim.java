package dev.netmark.shim;

import dev.netmark.shim.app.AppRunner;
import dev.netmark.shim.cni.CniConfig;
import dev.netmark.shim.cni.CniException;
import dev.netmark.shim.cni.CniRuntime;
import dev.netmark.shim.cni.NodeCni;
import dev.netmark.shim.cni.RunningPlugins;
import dev.netmark.shim.cri.CriServer;
import dev.netmark.shim.cri.NetperfNode;
import dev.netmark.shim.cri.Recovery;
import dev.netmark.shim.metrics.HealthChecks;
import dev.netmark.shim.metrics.PodRecorder;
import dev.netmark.shim.metrics.ShimHttpServer;
import dev.netmark.shim.metrics.ShimMetrics;
import dev.netmark.shim.netns.NetNamespaces;
import dev.netmark.shim.netns.NetnsThreads;
import dev.netmark.shim.probe.ProbeSettings;
import dev.netmark.shim.probe.Prober;
import dev.netmark.shim.probe.RestartedProbes;
import dev.netmark.shim.records.RecordLog;
import dev.netmark.shim.sched.TimingPriority;
import dev.netmark.shim.state.ShimState;
import dev.netmark.shim.state.StateDirLock;
import dev.netmark.shim.targets.TargetsOrigin;
import dev.netmark.shim.traffic.TrafficRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running shim: state and records reloaded from the state directory, the node's CNI
 * configuration, probes, traffic, the CRI server and the HTTP endpoint. Closing it stops taking
 * calls and releases everything in reverse order; sandboxes stay in the state directory for the
 * next start.
 */
public final class Shim implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Shim.class);

  /** How long a traffic command waits for its pod to become network-ready. */
  private static final Duration TRAFFIC_READY_WAIT = Duration.ofMinutes(5);

  /** How long a start waits for the plugins a killed shim left running to die of SIGKILL. */
  private static final Duration LEFTOVER_WAIT = Duration.ofSeconds(5);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private CriServer cri;
  private ShimHttpServer http;

  private Shim() {}

  /**
   * Starts a shim.
   *
   * @throws dev.netmark.shim.cni.CniConfigException when the CNI configuration is unusable
   * @throws dev.netmark.shim.cni.CniException when a plugin cannot agree on a CNI version
   * @throws IOException when a socket cannot be bound
   */
  public static Shim start(ShimOptions o) throws IOException {
    return start(o, false, Map.of());
  }

  /**
   * Starts a shim hosted outside its node's network namespace, beside other nodes' shims in one JVM
   * (local mode's {@code shims=in-process}): its CNI plugins run in {@code o.cniHostNetns()}, and
   * its HTTP endpoint listens there, on the node's address, as a shim started inside it would.
   *
   * @param pluginEnvironment variables its plugins get beside the host JVM's environment: those a
   *     shim process of its own would have carried (local mode marks its processes this way)
   * @throws IllegalArgumentException when {@code o} names no node namespace
   * @throws IOException as {@link #start(ShimOptions)}
   */
  public static Shim startInNode(ShimOptions o, Map<String, String> pluginEnvironment)
      throws IOException {
    if (o.cniHostNetns() == null) {
      throw new IllegalArgumentException("a shim hosted outside its node needs --cni-host-netns");
    }
    return start(o, true, pluginEnvironment);
  }

  private static Shim start(ShimOptions o, boolean listenInNode, Map<String, String> pluginEnv)
      throws IOException {
    Shim shim = new Shim();
    try {
      shim.startAll(o, listenInNode, pluginEnv);
      return shim;
    } catch (IOException | RuntimeException e) {
      shim.close();
      throw e;
    }
  }

  private void startAll(ShimOptions o, boolean listenInNode, Map<String, String> pluginEnv)
      throws IOException {
    // Garbage collections stop every thread: on a busy node they must not wait for a core.
    TimingPriority.raiseVmThread();
    keep(StateDirLock.acquire(o.stateDir()));
    Path cniCache = o.stateDir().resolve("cni-results");
    // Before any plugin of this shim runs, and before the DELs of ADDs a killed shim left in
    // flight: what that shim's plugins still do would race them.
    RunningPlugins plugins =
        keep(RunningPlugins.open(o.stateDir().resolve("plugins"), LEFTOVER_WAIT));
    NodeCni cni =
        keep(
            new NodeCni(
                o.cniConfDir(),
                o.cniBinDirs(),
                config -> {
                  CniRuntime.Builder b =
                      CniRuntime.builder(config, o.cniBinDirs())
                          .resultCacheDir(cniCache)
                          .runningPlugins(plugins)
                          .hostEnvironment(pluginEnv)
                          .pluginTimeout(o.pluginTimeout());
                  if (o.cniHostNetns() != null) {
                    b.hostNetns(o.cniHostNetns());
                  }
                  return b.build();
                }));
    if (!o.cniConfigLater()) {
      CniConfig.load(o.cniConfDir(), o.cniBinDirs()); // a missing or bad one stops the start here
      cni.runtime();
    } else {
      try {
        cni.runtime();
      } catch (CniException e) {
        // A CNI DaemonSet installs its configuration once kubelet runs its pod on this node.
        LOG.warn("--cni-config-later: ADDs fail until there is one: {}", e.getMessage());
      }
    }
    ShimState state = ShimState.open(o.stateDir());
    NetNamespaces namespaces = new NetNamespaces(o.netnsDir());
    Recovery.rebuildQuarantined(state, cniCache, namespaces, o.netnsPrefix());
    RecordLog log = keep(RecordLog.open(o.stateDir()));
    ShimMetrics metrics = new ShimMetrics();
    PodRecorder recorder = PodRecorder.open(log, metrics, o.nodeName());
    TargetsOrigin targets = keep(TargetsOrigin.start(o.probeTargetsFile(), o.kubeconfig()));
    Prober prober = keep(new Prober(targets.source(), recorder, ProbeSettings.defaults()));
    RestartedProbes.failUnsettled(log, recorder);
    TrafficRunner traffic =
        new TrafficRunner(prober, targets.source(), recorder, TRAFFIC_READY_WAIT, plugins);
    AppRunner apps = keep(new AppRunner(prober, targets.source(), recorder));
    NetperfNode node =
        new NetperfNode(state, cni, namespaces, o.netnsPrefix(), recorder, prober, traffic, apps);
    HealthChecks health =
        new HealthChecks()
            .degradedWhen(targets::problem)
            .degradedWhen(log::problem)
            .degradedWhen(state::problem);
    Supplier<ShimHttpServer> listen =
        () -> ShimHttpServer.start(o.metricsAddr(), metrics, log, health, o.recordsTokenFile());
    http = keep(listenInNode ? inNamespace(o.cniHostNetns(), listen) : listen.get());
    cri = keep(CriServer.netperf(o.listen(), o.upstream(), node));
    LOG.info(
        "node {}: {} sandboxes reloaded from {}; CNI configuration {}",
        o.nodeName(),
        state.sandboxes().size(),
        o.stateDir(),
        cni.loaded() ? "loaded" : "not there yet");
  }

  // A socket keeps the namespace it was made in: the server's listening socket is made there.
  private static <T> T inNamespace(Path netns, Supplier<T> task) throws IOException {
    try {
      return NetnsThreads.call(netns, task::get);
    } catch (RuntimeException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting the shim", e);
    } catch (Exception e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** The port of the HTTP endpoint (useful with port 0). */
  public int metricsPort() {
    return http.port();
  }

  /** The CRI server. */
  public CriServer cri() {
    return cri;
  }

  private <T extends AutoCloseable> T keep(T resource) {
    resources.push(resource);
    return resource;
  }

  @Override
  public void close() {
    while (!resources.isEmpty()) {
      AutoCloseable r = resources.pop();
      try {
        r.close();
      } catch (Exception e) {
        // Keep closing the rest; one stuck resource must not leak the others.
        LOG.warn("closing {} failed", r, e);
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
