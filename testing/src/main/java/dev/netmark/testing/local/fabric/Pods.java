package dev.netmark.testing.local.fabric;

import dev.netmark.testing.local.host.Exec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The fabric's pods: a namespace each, wired by the node's CNI network. */
final class Pods {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");

  private final FabricPlan plan;
  private final NodeCni cni;
  private final CniRunner runner;
  private final Teardown teardown;
  private final Map<String, Teardown.Step> pods = new ConcurrentHashMap<>();

  Pods(FabricPlan plan, NodeCni cni, Teardown teardown) {
    this.plan = plan;
    this.cni = cni;
    this.runner = new CniRunner(plan.spec().cni().binDir(), plan.prefix());
    this.teardown = teardown;
  }

  Pod add(String node, String name) throws InterruptedException {
    NodePlan n = plan.node(node);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "pod name '" + name + "' must be lowercase letters, digits and '-'");
    }
    String netns = n.name() + "-" + name;
    // At teardown deleting the namespace is enough: what CNI made lives in the node's namespace
    // and the IPAM directory, both removed as well.
    Teardown.Step step =
        teardown.add(
            "pod network namespace " + netns, () -> Exec.check("ip", "netns", "del", netns));
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
      Exec.Result del = Exec.run("ip", "netns", "del", netns);
      if (!del.ok()) {
        e.addSuppressed(new IllegalStateException(del.describe()));
      }
      throw e;
    }
  }

  void remove(Pod pod) throws InterruptedException {
    Teardown.Step step = pods.remove(pod.netns());
    if (step == null) {
      throw new IllegalArgumentException("no pod " + pod.netns() + " in this fabric");
    }
    try {
      runner.del(
          cni.networks().get(pod.node()),
          pod.node(),
          pod.netns(),
          pod.netns(),
          pod.name(),
          CniNetwork.JSON.readTree(pod.cniResult()));
    } finally {
      // Only a namespace really gone leaves the teardown list; otherwise close() tries again.
      Exec.check("ip", "netns", "del", pod.netns());
      teardown.done(step);
    }
  }
}
