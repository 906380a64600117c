package dev.netmark.testing.local.fabric;

import dev.netmark.testing.local.host.Exec;
import dev.netmark.testing.local.host.HostException;
import dev.netmark.testing.local.host.MarkedProcesses;
import dev.netmark.testing.local.host.Netns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Runs a CNI network's plugins for one pod the way a runtime does (CNI spec): environment
 * variables, the configuration on stdin, {@code prevResult} chained through ADD, DEL in reverse
 * order with the last result, error JSON read from stdout. Plugins run inside the node's network
 * namespace, so bridges, veth host ends and iptables rules land there. Like containerd, {@code lo}
 * is set up by the {@code loopback} plugin apart from the network.
 */
final class CniRunner {
  private final Path binDir;
  private final String prefix;

  CniRunner(Path binDir, String prefix) {
    this.binDir = binDir;
    this.prefix = prefix;
  }

  /** The outcome of an ADD: the pod's first IPv4 address and the full result for DEL. */
  record Added(String ip, JsonNode result) {}

  /** Runs loopback and then the network's ADD chain; returns the pod's address. */
  Added add(CniNetwork net, String nodeNetns, String containerId, String podNetns, String podName)
      throws InterruptedException {
    String loopback =
        "{\"cniVersion\":\""
            + net.cniVersion()
            + "\",\"name\":\"cni-loopback\",\"type\":\"loopback\"}";
    String netns = Netns.path(podNetns).toString();
    String args = args(podName);
    invoke("ADD", "loopback", loopback, nodeNetns, containerId, netns, "lo", args);
    JsonNode result = null;
    for (int i = 0; i < net.plugins().size(); i++) {
      String type = net.plugins().get(i).path("type").asString();
      String out =
          invoke(
              "ADD",
              type,
              net.pluginConf(i, result).toString(),
              nodeNetns,
              containerId,
              netns,
              "eth0",
              args);
      result = parse(out, net.source() + " plugin " + type);
    }
    return new Added(firstIpv4(result, net.source()), result);
  }

  /** {@code CNI_ARGS} of a fabric pod, as kubelet passes them. */
  static String args(String podName) {
    return "IgnoreUnknown=1;K8S_POD_NAMESPACE=netmark-system;K8S_POD_NAME=" + podName;
  }

  /** Runs the network's DEL chain in reverse order with the ADD's result. */
  void del(
      CniNetwork net,
      String nodeNetns,
      String containerId,
      String podNetns,
      String podName,
      JsonNode result)
      throws InterruptedException {
    delAt(net, nodeNetns, containerId, Netns.path(podNetns).toString(), args(podName), result);
  }

  /** Runs DEL for a cached ADD result: its container id, namespace path and {@code CNI_ARGS}. */
  void del(CniNetwork net, String nodeNetns, CniCache cached) throws InterruptedException {
    delAt(net, nodeNetns, cached.containerId(), cached.netns(), cached.cniArgs(), cached.result());
  }

  /** Runs DEL for an ADD that was interrupted, without a previous result, as its shim would. */
  void del(CniNetwork net, String nodeNetns, InterruptedAdd add) throws InterruptedException {
    delAt(net, nodeNetns, add.containerId(), add.netns(), add.cniArgs(), null);
  }

  private void delAt(
      CniNetwork net,
      String nodeNetns,
      String containerId,
      String netnsPath,
      String cniArgs,
      JsonNode result)
      throws InterruptedException {
    // CNI spec: DEL runs through every plugin, even a namespace that is already gone.
    String netns = Files.exists(Path.of(netnsPath)) ? netnsPath : "";
    for (int i = net.plugins().size() - 1; i >= 0; i--) {
      String type = net.plugins().get(i).path("type").asString();
      invoke(
          "DEL",
          type,
          net.pluginConf(i, result).toString(),
          nodeNetns,
          containerId,
          netns,
          "eth0",
          cniArgs);
    }
  }

  private String invoke(
      String command,
      String type,
      String conf,
      String nodeNetns,
      String containerId,
      String netnsPath,
      String ifName,
      String cniArgs)
      throws InterruptedException {
    Map<String, String> env = new HashMap<>();
    env.put("CNI_COMMAND", command);
    env.put("CNI_CONTAINERID", containerId);
    env.put("CNI_NETNS", netnsPath);
    env.put("CNI_IFNAME", ifName);
    env.put("CNI_PATH", binDir.toString());
    env.put("CNI_ARGS", cniArgs);
    env.put(MarkedProcesses.ENV, prefix);
    List<String> cmd =
        List.of("nsenter", "--net=" + Netns.path(nodeNetns), binDir.resolve(type).toString());
    Exec.Result r = Exec.run(env, conf, cmd);
    if (!r.ok()) {
      String msg = r.stdout().strip();
      try {
        JsonNode err = CniNetwork.JSON.readTree(msg);
        String details = err.path("details").asString("");
        msg =
            "[code "
                + err.path("code").asInt()
                + "] "
                + err.path("msg").asString("")
                + (details.isEmpty() ? "" : " (" + details + ")");
      } catch (JacksonException e) {
        // Not the spec's error JSON; the raw output below is all there is.
      }
      throw new HostException(
          "CNI "
              + command
              + " for container "
              + containerId
              + " on "
              + nodeNetns
              + ": plugin "
              + type
              + " failed (exit "
              + r.exitCode()
              + "): "
              + msg.strip()
              + " "
              + r.stderr().strip());
    }
    return r.stdout();
  }

  private static JsonNode parse(String out, String what) {
    try {
      return CniNetwork.JSON.readTree(out);
    } catch (JacksonException e) {
      throw new HostException(what + " returned a result that is not JSON: " + out, e);
    }
  }

  /** The first IPv4 address of a result: {@code ips} (0.3.0 and later) or {@code ip4} (0.2.0). */
  static String firstIpv4(JsonNode result, String source) {
    for (JsonNode ip : result.path("ips").values()) {
      String address = ip.path("address").asString("");
      if (address.contains(".")) {
        return address.substring(0, address.indexOf('/'));
      }
    }
    String old = result.path("ip4").path("ip").asString("");
    if (!old.isEmpty()) {
      return old.substring(0, old.indexOf('/'));
    }
    throw new HostException(source + ": the ADD result has no IPv4 address: " + result);
  }
}
