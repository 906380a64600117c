package dev.netmark.shim.testing;

import com.sun.net.httpserver.HttpServer;
import dev.netmark.fixtures.Containerd;
import dev.netmark.shim.Shim;
import dev.netmark.shim.ShimOptions;
import dev.netmark.shim.netns.NetnsThreads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An emulated node for CRI tests (root): a node namespace {@code nmcri-<tag>-node} with bridge
 * {@code nmcri-br<n>} (10.202.n.1/24) where the shim's CNI plugins run, a control pod namespace
 * (10.202.n.250, HTTP on 8080 and {@code iperf3 -s} on 5201) on that bridge, a bridge+host-local
 * conflist (network {@code nmcri-<tag>}, pods get 10.202.n.10-200), a real containerd upstream, and
 * probe targets pointing at the control pod. {@link #close} removes all of it.
 */
public final class NetperfNodeFixture implements AutoCloseable {
  public static final String NODE_NAME = "nmcri-node";
  public static final int HTTP_PORT = 8080;
  public static final int IPERF_PORT = 5201;

  private final String tag;
  private final int subnet;
  private final boolean flaky;
  private final Path dir;
  private final List<String> namespaces = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private HttpServer http;
  private Containerd containerd;

  private NetperfNodeFixture(String tag, int subnet, boolean flaky, Path dir) {
    this.tag = tag;
    this.subnet = subnet;
    this.flaky = flaky;
    this.dir = dir;
  }

  /**
   * Builds the node; on failure removes what was built. {@code subnet} picks 10.202.subnet.0/24.
   */
  public static NetperfNodeFixture create(String tag, int subnet) throws Exception {
    return create(tag, subnet, false);
  }

  /**
   * As {@link #create(String, int)}; with {@code flaky} the conflist chains the test plugin {@code
   * nmcri-flaky} after the bridge, which fails the node's first ADD with error JSON.
   */
  public static NetperfNodeFixture create(String tag, int subnet, boolean flaky) throws Exception {
    NetperfNodeFixture f =
        new NetperfNodeFixture(tag, subnet, flaky, Files.createTempDirectory("nmcri-" + tag));
    try {
      f.build();
      return f;
    } catch (Exception | AssertionError e) {
      f.close();
      throw e;
    }
  }

  public String nodeNetns() {
    return "nmcri-" + tag + "-node";
  }

  public String podNetnsPrefix() {
    return "nmcri-" + tag + "-";
  }

  public String network() {
    return "nmcri-" + tag;
  }

  public String controlIp() {
    return "10.202." + subnet + ".250";
  }

  public Path stateDir() {
    return dir.resolve("state");
  }

  public Path shimSocket() {
    return dir.resolve("shim/shim.sock");
  }

  public Containerd containerd() {
    return containerd;
  }

  /** Options of a shim for this node (metrics on a free port). */
  public ShimOptions shimOptions() {
    return new ShimOptions(
        shimSocket(),
        containerd.socket(),
        dir.resolve("cni"),
        List.of(dir.resolve("bin"), Path.of("/usr/lib/cni")),
        NODE_NAME,
        "127.0.0.1:0",
        stateDir(),
        Duration.ofSeconds(20),
        Path.of("/run/netns"),
        podNetnsPrefix(),
        Path.of("/run/netns", nodeNetns()),
        dir.resolve("targets.json"),
        null,
        false,
        null);
  }

  public Shim startShim() throws IOException {
    return Shim.start(shimOptions());
  }

  /** Runs a command in the node namespace. */
  public String inNode(String... cmd) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", nodeNetns()));
    argv.addAll(List.of(cmd));
    return Commands.run(argv);
  }

  /** Addresses host-local still holds for this network (its allocation files). */
  public List<String> hostLocalAllocations() throws IOException {
    Path d = Path.of("/var/lib/cni/networks", network());
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (var files = Files.list(d)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"))
          .sorted()
          .toList();
    }
  }

  /** Network namespaces under /run/netns made for pods of this node. */
  public List<String> podNamespaces() throws IOException {
    try (var files = Files.list(Path.of("/run/netns"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(
              n ->
                  n.startsWith(podNetnsPrefix())
                      && !n.equals(nodeNetns())
                      && !n.equals(controlNetns()))
          .sorted()
          .toList();
    }
  }

  /** veth interfaces in the node namespace other than the control pod's. */
  public List<String> podVeths() throws Exception {
    return inNode("ip", "-o", "link", "show", "type", "veth")
        .lines()
        .map(l -> l.split(":")[1].trim().split("@")[0])
        .filter(n -> !n.equals(controlVeth()))
        .toList();
  }

  private String controlNetns() {
    return "nmcri-" + tag + "-ctl";
  }

  private String controlVeth() {
    return "nmcri-c" + subnet;
  }

  private String bridge() {
    return "nmcri-br" + subnet;
  }

  private void build() throws Exception {
    containerd = Containerd.start(dir.resolve("containerd"));
    addNetns(nodeNetns());
    addNetns(controlNetns());
    inNode("ip", "link", "set", "lo", "up");
    inNode("ip", "link", "add", bridge(), "type", "bridge");
    inNode("ip", "addr", "add", "10.202." + subnet + ".1/24", "dev", bridge());
    inNode("ip", "link", "set", bridge(), "up");
    Commands.run(
        List.of(
            "ip",
            "link",
            "add",
            controlVeth(),
            "netns",
            nodeNetns(),
            "type",
            "veth",
            "peer",
            "name",
            "eth0",
            "netns",
            controlNetns()));
    inNode("ip", "link", "set", controlVeth(), "master", bridge());
    inNode("ip", "link", "set", controlVeth(), "up");
    String ctl = controlNetns();
    Commands.run(
        List.of(
            "ip", "netns", "exec", ctl, "ip", "addr", "add", controlIp() + "/24", "dev", "eth0"));
    Commands.run(List.of("ip", "netns", "exec", ctl, "ip", "link", "set", "eth0", "up"));
    Commands.run(List.of("ip", "netns", "exec", ctl, "ip", "link", "set", "lo", "up"));
    http = httpServerIn(Path.of("/run/netns", ctl));
    processes.add(
        new ProcessBuilder(
                "ip",
                "netns",
                "exec",
                ctl,
                "/usr/bin/iperf3",
                "-s",
                "-p",
                Integer.toString(IPERF_PORT))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start());
    writeConflist();
    writeTargets();
  }

  private void writeConflist() throws IOException {
    Files.createDirectories(dir.resolve("cni"));
    Path bin = Files.createDirectories(dir.resolve("bin"));
    String extra = "";
    if (flaky) {
      try (var in = NetperfNodeFixture.class.getResourceAsStream("/cri/nmcri-flaky")) {
        Files.write(bin.resolve("nmcri-flaky"), in.readAllBytes());
      }
      Files.setPosixFilePermissions(
          bin.resolve("nmcri-flaky"),
          java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      extra = "{\"type\":\"nmcri-flaky\",\"markerDir\":\"" + dir + "\"},";
    }
    Files.writeString(
        dir.resolve("cni/10-" + network() + ".conflist"),
        """
        {"cniVersion":"1.0.0","name":"%s","plugins":[
          {"type":"bridge","bridge":"%s","isGateway":true,"ipMasq":false,
           "ipam":{"type":"host-local","ranges":[[{"subnet":"10.202.%d.0/24",
             "rangeStart":"10.202.%d.10","rangeEnd":"10.202.%d.200","gateway":"10.202.%d.1"}]],
             "routes":[{"dst":"0.0.0.0/0"}]}},%s
          {"type":"portmap","capabilities":{"portMappings":true},"snat":false}]}
        """
            .formatted(network(), bridge(), subnet, subnet, subnet, subnet, extra));
  }

  private void writeTargets() throws IOException {
    // One node here: the "remote" control pod and the service are the same control pod, and the
    // node's bridge address stands in for the external target.
    String ip = controlIp();
    Files.writeString(
        dir.resolve("targets.json"),
        """
        {"controlPods":{"%1$s":["%2$s"],"nmcri-other":["%2$s"]},
         "controlHttpPort":%3$d,"controlIperfPort":%4$d,
         "serviceIp":"%2$s","servicePort":%3$d,
         "externalIp":"10.202.%5$d.1","externalUrl":"http://%2$s:%3$d/external",
         "policy":{"remoteNodes":1,"serviceHttpCount":3,"servicePing":false,
                   "intervalMs":10,"timeoutMs":20000,
                   "classes":["same_node","remote_node","service","external"]}}
        """
            .formatted(NODE_NAME, ip, HTTP_PORT, IPERF_PORT, subnet));
  }

  private static HttpServer httpServerIn(Path netns) throws Exception {
    // Bound on a thread inside the namespace, so the socket lives there.
    return NetnsThreads.call(
        netns,
        () -> {
          HttpServer s = HttpServer.create(new InetSocketAddress(HTTP_PORT), 64);
          s.createContext(
              "/",
              ex -> {
                byte[] b = "control\n".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, b.length);
                try (OutputStream out = ex.getResponseBody()) {
                  out.write(b);
                }
              });
          s.start();
          return s;
        });
  }

  private void addNetns(String name) throws Exception {
    Commands.run(List.of("ip", "netns", "add", name));
    namespaces.add(name);
  }

  @Override
  public void close() throws Exception {
    if (http != null) {
      http.stop(0);
    }
    for (Process p : processes) {
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    for (String ns : podNamespaces()) {
      Commands.status(List.of("ip", "netns", "delete", ns));
    }
    for (String ns : namespaces.reversed()) {
      Commands.status(List.of("ip", "netns", "delete", ns));
    }
    Commands.deleteTree(Path.of("/var/lib/cni/networks", network()));
    if (containerd != null) {
      containerd.close();
    }
    Commands.deleteTree(dir);
  }
}
