package dev.netmark.bench.shim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * An emulated node for the shim benchmarks, in the address space assigned to them: network
 * namespace {@code nso-node0} joined to the host by a veth (10.183.0.1/30 here, 10.183.0.2/30 in
 * the node, where the shim's HTTP endpoint listens), and a bridge + host-local + portmap + loopback
 * conflist (pods in 10.180.0.0/16). Closing deletes the node and every {@code nso-*} namespace.
 */
final class BenchNode implements AutoCloseable {
  static final String NAME = "nso-node0";
  static final String NETNS_PREFIX = "nso-";
  static final String NODE_IP = "10.183.0.2";
  static final String GATEWAY = "10.180.0.1";
  private static final String HOST_VETH = "nso-h0";
  private static final Path NETNS_DIR = Path.of("/run/netns");

  private final Path dir;

  private BenchNode(Path dir) {
    this.dir = dir;
  }

  /** Creates the node; {@code dir} holds its conflist and IPAM state. */
  static BenchNode create(Path dir) throws IOException {
    BenchNode node = new BenchNode(dir);
    deleteNamespaces(); // leftovers of a killed run
    try {
      Files.createDirectories(node.confDir());
      Files.writeString(node.conflist(), conflist(dir.resolve("ipam")));
      Cmd.run("ip", "netns", "add", NAME);
      Cmd.run("ip", "-n", NAME, "link", "set", "lo", "up");
      Cmd.run("ip", "link", "add", HOST_VETH, "type", "veth", "peer", "name", "nso-n0");
      Cmd.run("ip", "link", "set", "nso-n0", "netns", NAME);
      Cmd.run("ip", "addr", "add", "10.183.0.1/30", "dev", HOST_VETH);
      Cmd.run("ip", "link", "set", HOST_VETH, "up");
      Cmd.run("ip", "-n", NAME, "addr", "add", NODE_IP + "/30", "dev", "nso-n0");
      Cmd.run("ip", "-n", NAME, "link", "set", "nso-n0", "up");
      return node;
    } catch (RuntimeException | IOException e) {
      node.close();
      throw e;
    }
  }

  Path netns() {
    return NETNS_DIR.resolve(NAME);
  }

  Path confDir() {
    return dir.resolve("net.d");
  }

  Path conflist() {
    return confDir().resolve("10-nso.conflist");
  }

  /** The same chain as the shim's CniBenchIT and ARCHITECTURE.md's field notes measure. */
  private static String conflist(Path ipamDir) {
    return """
    {
      "cniVersion": "1.0.0",
      "name": "nso-bench",
      "plugins": [
        {
          "type": "bridge",
          "bridge": "nso-br0",
          "isGateway": true,
          "ipMasq": false,
          "ipam": {
            "type": "host-local",
            "dataDir": "%s",
            "ranges": [[{"subnet": "10.180.0.0/16"}]],
            "routes": [{"dst": "0.0.0.0/0"}]
          }
        },
        {"type": "portmap", "capabilities": {"portMappings": true}, "snat": true},
        {"type": "loopback"}
      ]
    }
    """
        .formatted(ipamDir);
  }

  @Override
  public void close() {
    Cmd.quietly("ip", "link", "del", HOST_VETH);
    deleteNamespaces();
  }

  /** Every namespace with the benchmarks' prefix: pods the shim or a script left, and the node. */
  static void deleteNamespaces() {
    if (!Files.isDirectory(NETNS_DIR)) {
      return;
    }
    try (Stream<Path> files = Files.list(NETNS_DIR)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(NETNS_PREFIX))
          .sorted()
          .forEach(n -> Cmd.quietly("ip", "netns", "delete", n));
    } catch (IOException e) {
      System.err.println("clean-up: cannot list " + NETNS_DIR + ": " + e.getMessage());
    }
  }
}
