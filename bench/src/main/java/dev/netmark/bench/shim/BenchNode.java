package dev.netmark.bench.shim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * An emulated node for the shim benchmarks, in the address space assigned to them. Node {@code i}
 * (0 for shim-overhead, 1 for shim-footprint, so both can run at once) is network namespace {@code
 * nso-node<i>} joined to the host by a veth (10.183.0.4i+1/30 here, 10.183.0.4i+2/30 in the node,
 * where the shim's HTTP endpoint listens), with a bridge + host-local + portmap + loopback conflist
 * (pods in 10.18i.0.0/16, namespaces {@code nso-<i>*}). Closing deletes the node and its pods'
 * namespaces.
 */
final class BenchNode implements AutoCloseable {
  private static final Path NETNS_DIR = Path.of("/run/netns");

  private final int index;
  private final Path dir;

  private BenchNode(int index, Path dir) {
    if (index < 0 || index > 3) {
      throw new IllegalArgumentException("bench node index must be 0-3, found " + index);
    }
    this.index = index;
    this.dir = dir;
  }

  /** Creates node {@code index}; {@code dir} holds its conflist and IPAM state. */
  static BenchNode create(int index, Path dir) throws IOException {
    BenchNode node = new BenchNode(index, dir);
    node.deleteNamespaces(); // leftovers of a killed run
    try {
      String name = node.name();
      Files.createDirectories(node.confDir());
      Files.writeString(node.conflist(), node.conflist(dir.resolve("ipam")));
      Cmd.run("ip", "netns", "add", name);
      Cmd.run("ip", "-n", name, "link", "set", "lo", "up");
      Cmd.run(
          "ip", "link", "add", node.hostVeth(), "type", "veth", "peer", "name", node.nodeVeth());
      Cmd.run("ip", "link", "set", node.nodeVeth(), "netns", name);
      Cmd.run("ip", "addr", "add", "10.183.0." + (4 * index + 1) + "/30", "dev", node.hostVeth());
      Cmd.run("ip", "link", "set", node.hostVeth(), "up");
      Cmd.run("ip", "-n", name, "addr", "add", node.ip() + "/30", "dev", node.nodeVeth());
      Cmd.run("ip", "-n", name, "link", "set", node.nodeVeth(), "up");
      return node;
    } catch (RuntimeException | IOException e) {
      node.close();
      throw e;
    }
  }

  String name() {
    return "nso-node" + index;
  }

  /** The node's address, where the shim's HTTP endpoint listens. */
  String ip() {
    return "10.183.0." + (4 * index + 2);
  }

  /** The host's end of the node's veth, reachable from the node (an API server listens there). */
  String hostIp() {
    return "10.183.0." + (4 * index + 1);
  }

  /** The pods' gateway: the bridge's address. */
  String gateway() {
    return "10.18" + index + ".0.1";
  }

  /** The prefix of every pod namespace on this node. */
  String podNetnsPrefix() {
    return "nso-" + index;
  }

  private String hostVeth() {
    return "nso-h" + index;
  }

  private String nodeVeth() {
    return "nso-n" + index;
  }

  Path netns() {
    return NETNS_DIR.resolve(name());
  }

  Path confDir() {
    return dir.resolve("net.d");
  }

  Path conflist() {
    return confDir().resolve("10-nso.conflist");
  }

  /** The same chain as the shim's CniBenchIT and docs/design.md measure. */
  private String conflist(Path ipamDir) {
    return """
    {
      "cniVersion": "1.0.0",
      "name": "nso-bench%1$d",
      "plugins": [
        {
          "type": "bridge",
          "bridge": "nso-br%1$d",
          "isGateway": true,
          "ipMasq": false,
          "ipam": {
            "type": "host-local",
            "dataDir": "%2$s",
            "ranges": [[{"subnet": "10.18%1$d.0.0/16"}]],
            "routes": [{"dst": "0.0.0.0/0"}]
          }
        },
        {"type": "portmap", "capabilities": {"portMappings": true}, "snat": true},
        {"type": "loopback"}
      ]
    }
    """
        .formatted(index, ipamDir);
  }

  @Override
  public void close() {
    Cmd.quietly("ip", "link", "del", hostVeth());
    deleteNamespaces();
  }

  /** The node's namespace and its pods' (the shim's or a script's, left by a killed run). */
  private void deleteNamespaces() {
    if (!Files.isDirectory(NETNS_DIR)) {
      return;
    }
    try (Stream<Path> files = Files.list(NETNS_DIR)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.equals(name()) || n.startsWith(podNetnsPrefix()))
          .sorted()
          .forEach(n -> Cmd.quietly("ip", "netns", "delete", n));
    } catch (IOException e) {
      System.err.println("clean-up: cannot list " + NETNS_DIR + ": " + e.getMessage());
    }
  }
}
