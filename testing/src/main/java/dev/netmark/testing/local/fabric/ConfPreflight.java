package dev.netmark.testing.local.fabric;

import dev.netmark.api.ConfigException;
import dev.netmark.testing.local.host.Cidr;
import dev.netmark.testing.local.host.Exec;
import dev.netmark.testing.local.host.HostLocalStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Checks the nodes' CNI configuration before anything is built, so a chain that cannot work fails
 * in seconds with the file and the JSON path of each problem instead of in the control-plane step
 * (docs/your-cni.md has the list):
 *
 * <ul>
 *   <li>every {@code type} (and IPAM {@code type}) has an executable in the plugin directory, and
 *       it answers {@code VERSION} with the conflist's {@code cniVersion} among its supported ones;
 *   <li>every host-local range lies inside the node's pod CIDR, the only addresses the fabric
 *       routes between nodes;
 *   <li>host-local's store of the network holds no address of another run ({@code --cni-reset-ipam}
 *       releases them).
 * </ul>
 */
final class ConfPreflight {
  private static final Logger LOG = LoggerFactory.getLogger(ConfPreflight.class);

  private ConfPreflight() {}

  /**
   * Runs every check over every node's network.
   *
   * @throws ConfigException naming the file, listing each problem with its JSON path and fix
   */
  static void check(FabricPlan plan, NodeCni cni) throws InterruptedException {
    CniSetup setup = plan.spec().cni();
    Map<String, String> problems = new LinkedHashMap<>();
    Map<String, String> versions = new LinkedHashMap<>();
    for (NodePlan node : plan.nodes()) {
      CniNetwork net = cni.networks().get(node.name());
      for (int i = 0; i < net.plugins().size(); i++) {
        JsonNode p = net.plugins().get(i);
        String path = net.pluginPath(i);
        binary(setup.binDir(), net, p.path("type").asString(), path + ".type", versions, problems);
        String ipamType = p.path("ipam").path("type").asString("");
        if (!ipamType.isEmpty()) {
          binary(setup.binDir(), net, ipamType, path + ".ipam.type", versions, problems);
        }
        if (ipamType.equals("host-local")) {
          ranges(node, p.path("ipam"), path + ".ipam", problems);
        }
      }
    }
    CniNetwork first = cni.networks().get(plan.nodes().getFirst().name());
    for (var store : first.hostLocalStores().entrySet()) {
      if (store.getValue().startsWith(plan.runDir())) {
        continue; // private to this run and created empty
      }
      List<String> held = HostLocalStore.allocations(store.getValue());
      if (held.isEmpty()) {
        continue;
      }
      if (setup.resetIpam()) {
        LOG.warn("--cni-reset-ipam released {}", HostLocalStore.release(store.getValue()));
      } else {
        problems.putIfAbsent(
            store.getKey(),
            "host-local's store "
                + store.getValue()
                + " holds "
                + held.size()
                + " addresses of another run ("
                + String.join(", ", held.subList(0, Math.min(3, held.size())))
                + "): every ADD of a pod they name would fail with duplicate allocation; pass"
                + " --cni-reset-ipam to release them (only when no other run uses network '"
                + first.name()
                + "')");
      }
    }
    if (!problems.isEmpty()) {
      List<String> lines = new ArrayList<>();
      problems.forEach((path, problem) -> lines.add(path + ": " + problem));
      throw new ConfigException(
          cni.source(),
          "the CNI configuration cannot run in local mode:\n  - " + String.join("\n  - ", lines));
    }
  }

  private static void binary(
      Path binDir,
      CniNetwork net,
      String type,
      String path,
      Map<String, String> checked,
      Map<String, String> problems)
      throws InterruptedException {
    if (checked.containsKey(type)) {
      return;
    }
    checked.put(type, path);
    Path bin = binDir.resolve(type);
    if (!Files.isExecutable(bin)) {
      problems.putIfAbsent(
          path,
          "no plugin \""
              + type
              + "\": "
              + bin
              + " does not exist or is not executable; check the spelling of the type, or"
              + " --cni-bin-dir (Debian's plugins: apt-get install containernetworking-plugins)");
      return;
    }
    Exec.Result r =
        Exec.run(
            Map.of("CNI_COMMAND", "VERSION", "CNI_PATH", binDir.toString()),
            "{\"cniVersion\":\"" + net.cniVersion() + "\"}",
            List.of(bin.toString()));
    JsonNode answer;
    try {
      answer = CniNetwork.JSON.readTree(r.stdout());
    } catch (JacksonException e) {
      answer = null;
    }
    if (!r.ok() || answer == null || !answer.path("supportedVersions").isArray()) {
      problems.putIfAbsent(
          path,
          bin
              + " does not answer CNI_COMMAND=VERSION (exit "
              + r.exitCode()
              + "): "
              + (r.stdout() + " " + r.stderr()).strip());
      return;
    }
    List<String> supported = new ArrayList<>();
    answer.path("supportedVersions").values().forEach(v -> supported.add(v.asString()));
    if (!supported.contains(net.cniVersion())) {
      problems.putIfAbsent(
          "$.cniVersion",
          "plugin \""
              + type
              + "\" ("
              + path
              + ") does not support cniVersion "
              + net.cniVersion()
              + "; it supports "
              + String.join(", ", supported)
              + ": set \"cniVersion\" to one of those");
    }
  }

  private static void ranges(
      NodePlan node, JsonNode ipam, String path, Map<String, String> problems) {
    Map<String, String> subnets = new LinkedHashMap<>();
    if (ipam.has("subnet")) {
      subnets.put(path + ".subnet", ipam.path("subnet").asString(""));
    }
    JsonNode sets = ipam.path("ranges");
    for (int r = 0; r < sets.size(); r++) {
      for (int k = 0; k < sets.path(r).size(); k++) {
        subnets.put(
            path + ".ranges[" + r + "][" + k + "].subnet",
            sets.path(r).path(k).path("subnet").asString(""));
      }
    }
    Function<String, String> fix =
        found ->
            found
                + " is not inside "
                + node.name()
                + "'s pod CIDR "
                + node.podCidr()
                + ", the only addresses local mode routes between nodes: write \"${podCidr}\""
                + " (with \"gateway\": \"${gateway}\" if you give one; docs/your-cni.md lists"
                + " every placeholder)";
    subnets.forEach(
        (p, text) -> {
          if (text.contains(":")) {
            return; // IPv6: local mode routes none, and a dual-stack chain may add some
          }
          Cidr sub;
          try {
            sub = Cidr.parse(text);
          } catch (IllegalArgumentException e) {
            problems.putIfAbsent(p, "\"" + text + "\" is not a subnet: " + e.getMessage());
            return;
          }
          if (sub.prefix() < node.podCidr().prefix() || !node.podCidr().contains(sub.base())) {
            problems.putIfAbsent(p, fix.apply(text));
          }
        });
  }
}
