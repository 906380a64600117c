package dev.netmark.testing.local.fabric;

import dev.netmark.testing.local.host.Exec;
import dev.netmark.testing.local.host.HostException;
import dev.netmark.testing.local.host.HostLocalStore;
import dev.netmark.testing.local.host.Ipv4;
import dev.netmark.testing.local.host.Leftovers;
import dev.netmark.testing.local.host.Netns;
import dev.netmark.testing.local.host.Preflight;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running emulated network of local mode (see {@link Topology} for the picture): one network
 * namespace per node with its own CNI network, pods on those networks, control pods, a service VIP
 * and an external target. {@link #close} removes everything it created, also after a failed {@link
 * #create}; a run killed before that is cleaned by the next {@link #create} with the same prefix
 * (or by {@link Leftovers#clean}).
 *
 * <p>Thread-safe: pods may be added from several threads at once.
 */
public final class Fabric implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Fabric.class);

  /** The external target's HTTP port. */
  public static final int EXTERNAL_HTTP_PORT = 80;

  /** The control pods' HTTP port. */
  public static final int CONTROL_HTTP_PORT = 8080;

  /** The control pods' iperf3 port. */
  public static final int CONTROL_IPERF_PORT = 5201;

  private final FabricPlan plan;
  private final Teardown teardown = new Teardown();
  private final Processes processes;
  private final Pods pods;
  private final Map<String, List<String>> services = new LinkedHashMap<>();
  private volatile boolean closed;

  private final NodeCni cni;

  private Fabric(FabricPlan plan, NodeCni cni) {
    this.plan = plan;
    this.cni = cni;
    this.pods = new Pods(plan, cni, teardown);
    this.processes = new Processes(plan, teardown);
  }

  /**
   * Cleans what a killed run with the same prefix left (CNI DELs included), checks the CNI
   * configuration ({@link ConfPreflight}) and the machine, and builds the fabric.
   *
   * @throws HostException saying what is missing or in the way; nothing is left behind
   * @throws IllegalArgumentException when the spec cannot be planned
   * @throws dev.netmark.api.ConfigException when the CNI configuration cannot work, naming the file
   *     and the JSON path of each problem
   */
  public static Fabric create(FabricSpec spec) throws InterruptedException {
    long t0 = System.nanoTime();
    FabricPlan plan = FabricPlan.of(spec);
    NodeCni cni = NodeCni.render(plan);
    RunLock lock = RunLock.claim(RunLock.file(plan.prefix()), plan.prefix());
    try {
      List<String> removed = sweep(spec);
      if (!removed.isEmpty()) {
        LOG.warn("removed leftovers of an earlier run with prefix {}: {}", plan.prefix(), removed);
      }
      ConfPreflight.check(plan, cni);
      Preflight.check(plan.prefix(), FabricPlan.ranges(spec), spec.cni().binDir(), cni.binaries());
    } catch (RuntimeException | InterruptedException e) {
      release(lock, e);
      throw e;
    }
    long t1 = System.nanoTime();
    Fabric f = new Fabric(plan, cni);
    // Last of all: the lock is held until nothing of the run is left, the sweep included.
    f.teardown.add("releasing the run lock " + lock.file(), lock::close);
    f.teardown.add("sweeping leftovers", () -> f.sweepAfterTeardown());
    try {
      f.teardown.add("state directory " + plan.runDir(), () -> Leftovers.deleteTree(plan.runDir()));
      CachedDels.recordBinDir(plan.runDir(), spec.cni().binDir());
      cni.write(plan);
      Topology.build(plan, f.teardown);
      if (cni.podLan()) {
        Topology.podLan(plan);
      }
      // Runs after every pod and process is gone and before the node namespaces go.
      f.teardown.add("CNI DEL of results still cached", () -> f.delCached(plan));
      HttpEcho ext =
          HttpEcho.start(
              plan.externalNetns(), EXTERNAL_HTTP_PORT, "external " + plan.externalAddress());
      f.teardown.add("HTTP server of " + plan.externalNetns(), ext::close);
      LOG.debug(
          "fabric {} of {} nodes: checks and cleaning {} ms, building {} ms",
          plan.prefix(),
          spec.nodes(),
          (t1 - t0) / 1_000_000,
          (System.nanoTime() - t1) / 1_000_000);
    } catch (IOException e) {
      throw abort(
          f,
          new HostException(
              "cannot write local mode state under " + plan.runDir() + ": " + e.getMessage(), e));
    } catch (RuntimeException e) {
      throw abort(f, e);
    } catch (InterruptedException e) {
      abort(f, e);
      throw e;
    }
    return f;
  }

  private static void release(RunLock lock, Exception failure) {
    try {
      lock.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /** The sweep after teardown, still under the run's lock: whatever teardown missed. */
  private void sweepAfterTeardown() throws InterruptedException {
    List<String> left = sweep(plan.spec());
    if (!left.isEmpty()) {
      // A forced removal is a defect of the teardown, never a silent fallback.
      LOG.warn("removed what the run left despite teardown: {}", left);
      throw new HostException(
          "force-removed what the run left despite teardown: " + String.join(", ", left));
    }
  }

  /**
   * Removes what a killed run with {@code spec}'s prefix left: its processes, then the CNI DEL of
   * every ADD result it cached (so IPAM releases the addresses), then namespaces, links and state.
   * Only under the prefix's {@link RunLock}.
   *
   * @return one line per thing removed or undone, empty when the machine was clean
   * @throws HostException when a DEL fails, with the plugin's error; the rest is removed first
   */
  private static List<String> sweep(FabricSpec spec) throws InterruptedException {
    Path runDir = spec.stateRoot().resolve(spec.prefix());
    List<String> failed = new ArrayList<>();
    List<String> removed =
        Leftovers.clean(
            spec.prefix(),
            spec.stateRoot(),
            () -> {
              CachedDels.Outcome o =
                  CachedDels.runAfterKill(runDir, spec.prefix(), spec.cni().binDir());
              failed.addAll(o.failed());
              return o.done();
            });
    if (!failed.isEmpty()) {
      throw new HostException(
          "cleaning what an earlier run with prefix '"
              + spec.prefix()
              + "' left, these CNI DELs failed (their addresses may stay allocated):\n  - "
              + String.join("\n  - ", failed));
    }
    return removed;
  }

  /** The DELs no StopPodSandbox ran: each is a defect of the teardown, reported as one. */
  private void delCached(FabricPlan plan) throws InterruptedException {
    CachedDels.Outcome o = CachedDels.run(plan.runDir(), plan.prefix(), plan.spec().cni().binDir());
    if (!o.isEmpty()) {
      throw new HostException(
          o.lines().size()
              + " pods were force-removed at teardown: no StopPodSandbox reached their shim, so"
              + " their CNI DEL was run from the cached result:\n    "
              + String.join("\n    ", o.lines()));
    }
  }

  /** Tears down a half-built fabric, keeping the original failure in front. */
  private static <E extends Exception> E abort(Fabric f, E failure) {
    try {
      f.close();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
    return failure;
  }

  /**
   * Addresses still allocated in the host-local stores of the nodes' network, one line each: after
   * {@link #close} there must be none (a leak makes the next run's ADDs fail with "duplicate
   * allocation").
   */
  public List<String> ipamAllocations() {
    java.util.Set<Path> stores = new java.util.TreeSet<>();
    cni.networks().values().forEach(n -> stores.addAll(n.hostLocalStores().values()));
    List<String> left = new ArrayList<>();
    stores.forEach(s -> left.addAll(HostLocalStore.allocations(s)));
    return left;
  }

  /** Every name and address of this fabric. */
  public FabricPlan plan() {
    return plan;
  }

  /** The nodes in order. */
  public List<NodePlan> nodes() {
    return plan.nodes();
  }

  /**
   * The host namespace's address on the link subnet; processes in node namespaces reach the host
   * there.
   */
  public String hostIp() {
    return plan.hostAddress();
  }

  /** The external target's address: it answers ping and HTTP on {@link #EXTERNAL_HTTP_PORT}. */
  public String externalIp() {
    return plan.externalAddress();
  }

  /** The external target's URL. */
  public String externalUrl() {
    return "http://" + plan.externalAddress() + ":" + EXTERNAL_HTTP_PORT + "/";
  }

  /**
   * Creates a pod network namespace {@code NODE-NAME} and runs the node's CNI network ADD for it.
   *
   * @throws HostException when a plugin fails; the namespace is then removed again
   */
  public Pod addPod(String node, String name) throws InterruptedException {
    return pods.add(node, name);
  }

  /** Runs CNI DEL for {@code pod} and deletes its namespace. */
  public void removePod(Pod pod) throws InterruptedException {
    pods.remove(pod);
  }

  /**
   * Makes {@code count} pod namespaces {@code PREFIX-rawI-TAGn} (I the node's number) for raw CNI
   * ADDs of {@code node}'s network outside any shim ({@link RawCniAdds}); closing it deletes them.
   */
  public RawCniAdds rawAdds(String node, String tag, int count) throws InterruptedException {
    NodePlan n = plan.node(node);
    return new RawCniAdds(
        n,
        cni.networks().get(n.name()),
        plan.spec().cni().binDir(),
        plan.prefix(),
        plan.prefix() + "-raw" + n.index() + "-" + tag,
        count);
  }

  /**
   * Starts the control pod {@code ctl} on {@code node}: an HTTP server on {@link
   * #CONTROL_HTTP_PORT} and {@code iperf3 -s} on {@link #CONTROL_IPERF_PORT}, both up on return.
   */
  public ControlPod startControlPod(String node) throws InterruptedException {
    Pod pod = pods.add(node, "ctl");
    HttpEcho http = HttpEcho.start(pod.netns(), CONTROL_HTTP_PORT, pod.netns() + " " + pod.ip());
    teardown.add("HTTP server of " + pod.netns(), http::close);
    List<String> iperf3 = List.of("iperf3", "-s", "-p", Integer.toString(CONTROL_IPERF_PORT));
    Process iperf = processes.start(pod.netns(), pod.netns() + "-iperf3", iperf3);
    processes.awaitListening(iperf, CONTROL_IPERF_PORT);
    return new ControlPod(pod, CONTROL_HTTP_PORT, CONTROL_IPERF_PORT, iperf.pid());
  }

  /**
   * Publishes (or replaces) a service: TCP to {@code vip:port} from any pod or node is DNAT-ed to
   * one of {@code endpoints} ({@code ip:port}), chosen at random per connection, in every node
   * namespace. An empty list removes the service. Unlike kube-proxy's iptables mode, the VIP
   * answers ping: echo requests are DNAT-ed to an endpoint's address.
   */
  public synchronized void publishService(String vip, int port, List<String> endpoints)
      throws InterruptedException {
    Map<String, List<String>> next = new LinkedHashMap<>(services);
    next.put(vip + ":" + port, endpoints);
    publishServices(next);
  }

  /**
   * Replaces every service at once: {@code all} maps {@code vip:port} to its endpoints ({@code
   * ip:port}); a port not in it, or with no endpoints, is removed. One {@code iptables-restore}
   * transaction per node, all nodes at once; on return every node holds the new rules.
   */
  public synchronized void publishServices(Map<String, List<String>> all)
      throws InterruptedException {
    Map<String, List<String>> next = new LinkedHashMap<>();
    all.forEach(
        (key, endpoints) -> {
          Ipv4.parse(key.substring(0, key.lastIndexOf(':')));
          if (!endpoints.isEmpty()) {
            next.put(key, List.copyOf(endpoints));
          }
        });
    String rules = NatRules.services(plan.prefix(), next, services);
    // Every node at once, as each node's kube-proxy works on its own: the change is in place when
    // the slowest node's transaction returns, not after the sum of them.
    try (var each = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Exec.Result>> results = new ArrayList<>();
      for (NodePlan n : plan.nodes()) {
        List<String> cmd =
            List.of("nsenter", "--net=" + Netns.path(n.name()), "iptables-restore", "--noflush");
        results.add(each.submit(() -> Exec.run(Map.of(), rules, cmd)));
      }
      for (Future<Exec.Result> r : results) {
        try {
          r.get().orThrow();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof RuntimeException re
              ? re
              : new HostException(e.toString(), e);
        }
      }
    }
    services.clear();
    services.putAll(next);
  }

  /**
   * Starts {@code command} inside network namespace {@code netns} (a node's or a pod's), marked so
   * a later run finds it if this one is killed, its output in {@code STATE/logs/NAME.log}. It is
   * ended at {@link #close}.
   */
  public Process startProcess(String netns, String name, List<String> command)
      throws InterruptedException {
    return processes.start(netns, name, command);
  }

  /**
   * Closes {@code what} at {@link #close}, before the namespaces it may use are deleted (teardown
   * runs in the reverse order of creation): a node's shim hosted in this JVM.
   */
  public void closeAtTeardown(String name, AutoCloseable what) {
    teardown.add(name, what::close);
  }

  /** Removes everything this fabric created. Safe to call twice. */
  @Override
  public void close() {
    closed = true;
    try {
      teardown.runAll();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HostException(
          "interrupted while tearing down " + plan.prefix() + "; run again to clean leftovers", e);
    }
  }

  /** Whether {@link #close} was called. */
  public boolean closed() {
    return closed;
  }
}
