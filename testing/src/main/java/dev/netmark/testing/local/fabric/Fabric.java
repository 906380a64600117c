package dev.netmark.testing.local.fabric;

import dev.netmark.testing.local.host.Exec;
import dev.netmark.testing.local.host.HostException;
import dev.netmark.testing.local.host.Ipv4;
import dev.netmark.testing.local.host.Leftovers;
import dev.netmark.testing.local.host.Netns;
import dev.netmark.testing.local.host.Preflight;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  private Fabric(FabricPlan plan, NodeCni cni) {
    this.plan = plan;
    this.pods = new Pods(plan, cni, teardown);
    this.processes = new Processes(plan, teardown);
  }

  /**
   * Checks the machine, cleans what a killed run with the same prefix left, and builds the fabric.
   *
   * @throws HostException saying what is missing or in the way; nothing is left behind
   * @throws IllegalArgumentException when the spec cannot be planned
   */
  public static Fabric create(FabricSpec spec) throws InterruptedException {
    long t0 = System.nanoTime();
    FabricPlan plan = FabricPlan.of(spec);
    NodeCni cni = NodeCni.render(plan);
    Owner.claim(plan);
    List<String> removed = Leftovers.clean(plan.prefix(), spec.stateRoot());
    if (!removed.isEmpty()) {
      LOG.warn("removed leftovers of an earlier run with prefix {}: {}", plan.prefix(), removed);
    }
    Preflight.check(plan.prefix(), FabricPlan.ranges(spec), spec.cni().binDir(), cni.binaries());
    long t1 = System.nanoTime();
    Fabric f = new Fabric(plan, cni);
    try {
      f.teardown.add("state directory " + plan.runDir(), () -> Leftovers.deleteTree(plan.runDir()));
      Owner.write(plan);
      cni.write(plan);
      Topology.build(plan, f.teardown);
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

  /** Tears down a half-built fabric, keeping the original failure in front. */
  private static <E extends Exception> E abort(Fabric f, E failure) {
    try {
      f.close();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
    return failure;
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
    Ipv4.parse(vip);
    String key = vip + ":" + port;
    if (endpoints.isEmpty()) {
      services.remove(key);
    } else {
      services.put(key, List.copyOf(endpoints));
    }
    String rules = NatRules.services(plan.prefix(), services);
    for (NodePlan n : plan.nodes()) {
      Exec.run(
              Map.of(),
              rules,
              List.of("nsenter", "--net=" + Netns.path(n.name()), "iptables-restore", "--noflush"))
          .orThrow();
    }
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
