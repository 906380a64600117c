package dev.netmark.testing.local.fabric;

import dev.netmark.testing.local.host.Exec;
import dev.netmark.testing.local.host.HostException;
import dev.netmark.testing.local.host.Leftovers;
import dev.netmark.testing.local.host.Netns;
import dev.netmark.testing.local.host.Preflight;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running emulated network of local mode (see {@link Topology} for the picture): one network
 * namespace per node with its own CNI network, pods on those networks, control pods, a service
 * VIP and an external target. {@link #close} removes everything it created, also after a failed
 * {@link #create}; a run killed before that is cleaned by the next {@link #create} with the same
 * prefix (or by {@link Leftovers#clean}).
 *
 * <p>Thread-safe: pods may be added from several threads at once.
 */
public final class Fabric implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Fabric.class);
  private static final Pattern POD_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");
  /** The external target's HTTP port. */
  public static final int EXTERNAL_HTTP_PORT = 80;

  private final FabricPlan plan;
  private final NodeCni cni;
  private final CniRunner runner;
  private final Teardown teardown = new Teardown();
  private final Processes processes;
  private final Map<String, Teardown.Step> pods = new ConcurrentHashMap<>();
  private final Map<String, List<String>> services = new LinkedHashMap<>();
  private volatile boolean closed;

  private Fabric(FabricPlan plan, NodeCni cni) {
    this.plan = plan;
    this.cni = cni;
    this.runner = new CniRunner(plan.spec().cni().binDir(), plan.prefix());
    this.processes = new Processes(plan, teardown);
  }

  /**
   * Checks the machine, cleans what a killed run with the same prefix left, and builds the
   * fabric.
   *
   * @throws HostException saying what is missing or in the way; nothing is left behind
   * @throws IllegalArgumentException when the spec cannot be planned
   */
  public static Fabric create(FabricSpec spec) throws InterruptedException {
    FabricPlan plan = FabricPlan.of(spec);
    NodeCni cni = NodeCni.render(plan);
    Owner.claim(plan);
    List<String> removed = Leftovers.clean(plan.prefix(), spec.stateRoot());
    if (!removed.isEmpty()) {
      LOG.warn("removed leftovers of an earlier run with prefix {}: {}", plan.prefix(), removed);
    }
    Preflight.check(plan.prefix(), FabricPlan.ranges(spec), spec.cni().binDir(), cni.binaries());
    Fabric f = new Fabric(plan, cni);
    try {
      f.teardown.add("state directory " + plan.runDir(), () -> Leftovers.deleteTree(plan.runDir()));
      Owner.write(plan);
      cni.write(plan);
      Topology.build(plan, f.teardown);
      HttpEcho ext = HttpEcho.start(plan.externalNetns(), EXTERNAL_HTTP_PORT, "external " + plan.externalAddress());
      f.teardown.add("HTTP server of " + plan.externalNetns(), ext::close);
    } catch (IOException e) {
      throw abort(f, new HostException("cannot write local mode state under " + plan.runDir() + ": " + e.getMessage(), e));
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

  /** The host namespace's address on the link subnet; processes in node namespaces reach the host there. */
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
    NodePlan n = plan.node(node);
    if (!POD_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("pod name '" + name + "' must be lowercase letters, digits and '-'");
    }
    String netns = n.name() + "-" + name;
    Teardown.Step step = teardown.add("pod network namespace " + netns, () -> Exec.check("ip", "netns", "del", netns));
    if (pods.putIfAbsent(netns, step) != null) {
      teardown.done(step);
      throw new IllegalArgumentException("pod " + name + " already exists on " + node);
    }
    try {
      Exec.check("ip", "netns", "add", netns);
      CniRunner.Added a = runner.add(cni.networks().get(n.name()), n.name(), netns, netns, name);
      return new Pod(name, n.name(), netns, a.ip(), a.result().toString());
    } catch (RuntimeException | InterruptedException e) {
      pods.remove(netns);
      teardown.done(step);
      Exec.run("ip", "netns", "del", netns);
      throw e;
    }
  }

  /** Runs CNI DEL for {@code pod} and deletes its namespace. */
  public void removePod(Pod pod) throws InterruptedException {
    Teardown.Step step = pods.remove(pod.netns());
    if (step == null) {
      throw new IllegalArgumentException("no pod " + pod.netns() + " in this fabric");
    }
    try {
      runner.del(cni.networks().get(pod.node()), pod.node(), pod.netns(), pod.netns(), pod.name(),
          CniNetwork.JSON.readTree(pod.cniResult()));
    } finally {
      Exec.check("ip", "netns", "del", pod.netns());
      teardown.done(step);
    }
  }

  /** Starts the control pod {@code ctl} on {@code node}: HTTP on 8080, iperf3 on 5201. */
  public ControlPod startControlPod(String node) throws InterruptedException {
    Pod pod = addPod(node, "ctl");
    HttpEcho http = HttpEcho.start(pod.netns(), 8080, pod.netns() + " " + pod.ip());
    teardown.add("HTTP server of " + pod.netns(), http::close);
    Process iperf = processes.start(pod.netns(), pod.netns() + "-iperf3", List.of("iperf3", "-s", "-p", "5201"));
    processes.awaitListening(iperf, 5201);
    return new ControlPod(pod, 8080, 5201, iperf.pid());
  }

  /**
   * Publishes (or replaces) a service: TCP to {@code vip:port} from any pod or node is DNAT-ed to
   * one of {@code endpoints} ({@code ip:port}), chosen at random per connection, in every node
   * namespace. An empty list removes the service. Like kube-proxy's iptables mode, the VIP does
   * not answer ping.
   */
  public synchronized void publishService(String vip, int port, List<String> endpoints) throws InterruptedException {
    dev.netmark.testing.local.host.Ipv4.parse(vip);
    String key = vip + ":" + port;
    if (endpoints.isEmpty()) {
      services.remove(key);
    } else {
      services.put(key, List.copyOf(endpoints));
    }
    String rules = NatRules.services(plan.prefix(), services);
    for (NodePlan n : plan.nodes()) {
      Exec.run(Map.of(), rules, List.of("nsenter", "--net=" + Netns.path(n.name()), "iptables-restore", "--noflush"))
          .orThrow();
    }
  }

  /**
   * Starts {@code command} inside network namespace {@code netns} (a node's or a pod's), marked
   * so a later run finds it if this one is killed, its output in {@code STATE/logs/NAME.log}. It is
   * ended at {@link #close}.
   */
  public Process startProcess(String netns, String name, List<String> command) throws InterruptedException {
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
      throw new HostException("interrupted while tearing down " + plan.prefix() + "; run again to clean leftovers", e);
    }
  }

  /** Whether {@link #close} was called. */
  public boolean closed() {
    return closed;
  }
}
