package dev.netmark.shim.image;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
import dev.netmark.shim.testing.Commands;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The running node-image container that hack/node-image-test.sh started, described by its
 * environment. The container has its own network namespace (podman --network none), so the shim's
 * HTTP port is reached from inside it with {@code podman exec ... curl}, as a scraper in the node
 * pod's network would.
 *
 * @param socket the shim's CRI socket, bind-mounted to the host
 * @param name the podman container name
 * @param exchange a host directory the container sees read-only at {@link #EXCHANGE_INSIDE}
 * @param node the NODE_NAME it was started with
 * @param subnet the first three octets of the pod subnet of its CNI configuration
 * @param netnsPrefix the shim's --netns-prefix
 */
record NodeContainer(
    Path socket, String name, Path exchange, String node, String subnet, String netnsPrefix) {
  static final String EXCHANGE_INSIDE = "/var/lib/netmark-test";
  static final int SHIM_PORT = 10260;

  /** The container from the environment, or null when the test was not started by the script. */
  static NodeContainer fromEnvironment() {
    String socket = System.getenv("NETMARK_NODE_IMAGE_SOCKET");
    if (socket == null) {
      return null;
    }
    return new NodeContainer(
        Path.of(socket),
        require("NETMARK_NODE_IMAGE_CONTAINER"),
        Path.of(require("NETMARK_NODE_IMAGE_EXCHANGE")),
        require("NETMARK_NODE_IMAGE_NODE"),
        require("NETMARK_NODE_IMAGE_SUBNET"),
        require("NETMARK_NODE_IMAGE_NETNS_PREFIX"));
  }

  /** Runs {@code argv} inside the container (no shell) and returns its output. */
  String exec(String... argv) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("podman", "exec", name));
    command.addAll(List.of(argv));
    return Commands.run(command);
  }

  String shimGet(String path) throws IOException, InterruptedException {
    return exec("curl", "-fsS", "--max-time", "10", "http://127.0.0.1:" + SHIM_PORT + path);
  }

  List<PodEvent> records() throws IOException, InterruptedException {
    return shimGet("/records?cursor=0&limit=10000").lines().map(PodEventCodec::fromJson).toList();
  }

  /** Waits until an event of {@code kind} for {@code uid} is recorded. */
  PodEvent await(String uid, EventKind kind, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<PodEvent> all = records();
      var hit = all.stream().filter(e -> e.uid().equals(uid) && e.kind() == kind).findFirst();
      if (hit.isPresent()) {
        return hit.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no " + kind + " event for " + uid + " within " + timeout + "; records: " + all);
      }
      Thread.sleep(100);
    }
  }

  /** The value of the unlabelled sample {@code name} in the shim's /metrics. */
  double sample(String name) throws IOException, InterruptedException {
    return shimGet("/metrics")
        .lines()
        .filter(l -> l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1).trim()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no sample " + name + " in the shim's /metrics"));
  }

  /** Names of the network namespaces the shim made for pods inside the container. */
  List<String> podNamespaces() throws IOException, InterruptedException {
    return exec("ip", "netns", "list")
        .lines()
        .map(l -> l.split(" ")[0])
        .filter(n -> n.startsWith(netnsPrefix))
        .toList();
  }

  /** The veths inside the container: the host sides of the pods' interfaces. */
  List<String> veths() throws IOException, InterruptedException {
    return exec("ip", "-o", "link", "show", "type", "veth").lines().toList();
  }

  private static String require(String variable) {
    String value = System.getenv(variable);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          variable
              + " is not set (hack/node-image-test.sh sets it with NETMARK_NODE_IMAGE_SOCKET)");
    }
    return value;
  }
}
