package dev.netmark.testing.local.fabric;

import dev.netmark.testing.local.host.Exec;
import dev.netmark.testing.local.host.Netns;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The fabric's pods: a namespace each, wired by the node's CNI network. Every ADD is undone by a
 * DEL before the namespace goes, at {@link #remove} or at teardown; the ADD result is cached on
 * disk (libcni's layout, {@link CniCache}) so a killed run's DELs run at the next start.
 */
final class Pods {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");

  private final FabricPlan plan;
  private final NodeCni cni;
  private final CniRunner runner;
  private final Teardown teardown;
  private final Map<String, Live> pods = new ConcurrentHashMap<>();

  /** A pod with its teardown step and its cache entry (null until ADD succeeded). */
  private record Live(Teardown.Step step, CniCache cached) {}

  Pods(FabricPlan plan, NodeCni cni, Teardown teardown) {
    this.plan = plan;
    this.cni = cni;
    this.runner = new CniRunner(plan.spec().cni().binDir(), plan.prefix());
    this.teardown = teardown;
  }

  CniRunner runner() {
    return runner;
  }

  Pod add(String node, String name) throws InterruptedException {
    NodePlan n = plan.node(node);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "pod name '" + name + "' must be lowercase letters, digits and '-'");
    }
    String netns = n.name() + "-" + name;
    Teardown.Step step = teardown.add("pod " + netns, () -> delAndDrop(netns, n.name()));
    if (pods.putIfAbsent(netns, new Live(step, null)) != null) {
      teardown.done(step);
      throw new IllegalArgumentException("pod " + name + " already exists on " + node);
    }
    try {
      Exec.check("ip", "netns", "add", netns);
      CniNetwork net = cni.networks().get(n.name());
      CniRunner.Added a = runner.add(net, n.name(), netns, netns, name);
      CniCache cached =
          CniCache.write(
              CniCache.fabricDir(n),
              net.name(),
              netns,
              "eth0",
              Netns.path(netns).toString(),
              CniRunner.args(name),
              a.result());
      pods.put(netns, new Live(step, cached));
      return new Pod(name, n.name(), netns, a.ip(), a.result().toString());
    } catch (RuntimeException | InterruptedException e) {
      pods.remove(netns);
      teardown.done(step);
      if (e instanceof RuntimeException) {
        // As containerd does: DEL what the plugins before the failing one set up (an address).
        try {
          runner.del(cni.networks().get(n.name()), n.name(), netns, netns, name, null);
        } catch (RuntimeException delFailed) {
          e.addSuppressed(delFailed);
        }
      }
      Exec.Result del = Exec.run("ip", "netns", "del", netns);
      if (!del.ok()) {
        e.addSuppressed(new IllegalStateException(del.describe()));
      }
      throw e;
    }
  }

  void remove(Pod pod) throws InterruptedException {
    Live live = pods.get(pod.netns());
    if (live == null) {
      throw new IllegalArgumentException("no pod " + pod.netns() + " in this fabric");
    }
    try {
      delAndDrop(pod.netns(), pod.node());
    } finally {
      teardown.done(live.step());
    }
  }

  /**
   * CNI DEL with the cached result, then the namespace. A failed DEL keeps the cache entry (the
   * fabric's last DEL step tries again and reports it) but the namespace goes all the same.
   */
  private void delAndDrop(String netns, String node) throws InterruptedException {
    Live live = pods.remove(netns);
    try {
      if (live != null && live.cached() != null) {
        runner.del(cni.networks().get(node), node, live.cached());
        live.cached().delete();
      }
    } finally {
      Exec.check("ip", "netns", "del", netns);
    }
  }
}
