package dev.netmark.shim.probe;

import com.sun.net.httpserver.HttpServer;
import dev.netmark.shim.netns.NetnsThreads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small real network for probe and traffic tests (root): a node namespace with a bridge
 * (10.203.1.0/24) holding two pods and three control pods (JDK HTTP server on 8080 and {@code
 * iperf3 -s} on 5201 each), a service VIP 10.203.9.9:80 DNAT-ed (TCP and ICMP) to control pod 1
 * inside the node, and an external namespace (10.203.2.2, HTTP on 8080) routed through the node.
 * Everything is named {@code nmprb*} and removed by {@link #close()}, even after a partial setup.
 */
public final class ProbeTopology implements AutoCloseable {
  public static final String NODE = "nmprb-node";
  public static final String POD1 = "nmprb-pod1";
  public static final String POD2 = "nmprb-pod2";
  public static final List<String> CONTROLS = List.of("nmprb-ctl1", "nmprb-ctl2", "nmprb-ctl3");
  public static final String EXT = "nmprb-ext";
  public static final String POD1_IP = "10.203.1.11";
  public static final String POD2_IP = "10.203.1.12";
  public static final List<String> CONTROL_IPS =
      List.of("10.203.1.21", "10.203.1.22", "10.203.1.23");
  public static final String SERVICE_IP = "10.203.9.9";
  public static final int SERVICE_PORT = 80;
  public static final String EXT_IP = "10.203.2.2";
  public static final int HTTP_PORT = 8080;
  public static final int IPERF_PORT = 5201;

  private final List<String> namespaces = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private final List<HttpServer> servers = new ArrayList<>();

  /** Builds the network; on failure removes what was built and rethrows. */
  public static ProbeTopology create() throws Exception {
    ProbeTopology t = new ProbeTopology();
    try {
      t.build();
      return t;
    } catch (Exception | AssertionError e) {
      t.close();
      throw e;
    }
  }

  public static Path netns(String name) {
    return Path.of("/run/netns", name);
  }

  private void build() throws Exception {
    for (String ns : List.of(NODE, POD1, POD2, EXT)) {
      addNetns(ns);
    }
    CONTROLS.forEach(this::addNetnsUnchecked);
    inNode("ip", "link", "add", "nmprb-br0", "type", "bridge");
    inNode("ip", "addr", "add", "10.203.1.1/24", "dev", "nmprb-br0");
    inNode("ip", "link", "set", "nmprb-br0", "up");
    inNode("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
    attach(POD1, "nmprb-p1", POD1_IP);
    attach(POD2, "nmprb-p2", POD2_IP);
    for (int i = 0; i < CONTROLS.size(); i++) {
      attach(CONTROLS.get(i), "nmprb-c" + (i + 1), CONTROL_IPS.get(i));
    }
    // The external namespace hangs off the node on its own link, reached by routing.
    run(
        "ip",
        "link",
        "add",
        "nmprb-xn",
        "netns",
        NODE,
        "type",
        "veth",
        "peer",
        "name",
        "eth0",
        "netns",
        EXT);
    inNode("ip", "addr", "add", "10.203.2.1/24", "dev", "nmprb-xn");
    inNode("ip", "link", "set", "nmprb-xn", "up");
    in(EXT, "ip", "addr", "add", EXT_IP + "/24", "dev", "eth0");
    in(EXT, "ip", "link", "set", "eth0", "up");
    in(EXT, "ip", "link", "set", "lo", "up");
    in(EXT, "ip", "route", "add", "default", "via", "10.203.2.1");
    // The service VIP: DNAT to control pod 1, masqueraded so replies come back through the node.
    String backend = CONTROL_IPS.get(0);
    inNode(
        "iptables",
        "-t",
        "nat",
        "-A",
        "PREROUTING",
        "-d",
        SERVICE_IP,
        "-p",
        "tcp",
        "--dport",
        Integer.toString(SERVICE_PORT),
        "-j",
        "DNAT",
        "--to-destination",
        backend + ":" + HTTP_PORT);
    inNode(
        "iptables",
        "-t",
        "nat",
        "-A",
        "PREROUTING",
        "-d",
        SERVICE_IP,
        "-p",
        "icmp",
        "-j",
        "DNAT",
        "--to-destination",
        backend);
    inNode(
        "iptables",
        "-t",
        "nat",
        "-A",
        "POSTROUTING",
        "-m",
        "conntrack",
        "--ctstate",
        "DNAT",
        "-j",
        "MASQUERADE");
    for (String ctl : CONTROLS) {
      servers.add(httpServer(ctl, "control " + ctl));
      Process p =
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
              .start();
      processes.add(p);
    }
    servers.add(httpServer(EXT, "external"));
  }

  private void attach(String ns, String hostIf, String ip) throws Exception {
    run(
        "ip", "link", "add", hostIf, "netns", NODE, "type", "veth", "peer", "name", "eth0", "netns",
        ns);
    inNode("ip", "link", "set", hostIf, "master", "nmprb-br0");
    inNode("ip", "link", "set", hostIf, "up");
    in(ns, "ip", "addr", "add", ip + "/24", "dev", "eth0");
    in(ns, "ip", "link", "set", "eth0", "up");
    in(ns, "ip", "link", "set", "lo", "up");
    in(ns, "ip", "route", "add", "default", "via", "10.203.1.1");
  }

  private static HttpServer httpServer(String ns, String body) throws Exception {
    // Created on a thread inside the namespace: the listening socket (and every accepted one) lives
    // there.
    return NetnsThreads.call(
        netns(ns),
        () -> {
          HttpServer s = HttpServer.create(new InetSocketAddress(HTTP_PORT), 64);
          s.createContext(
              "/",
              ex -> {
                byte[] b = (body + "\n").getBytes(StandardCharsets.UTF_8);
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
    run("ip", "netns", "add", name);
    namespaces.add(name);
  }

  private void addNetnsUnchecked(String name) {
    try {
      addNetns(name);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create netns " + name, e);
    }
  }

  private static void inNode(String... cmd) throws Exception {
    in(NODE, cmd);
  }

  /** Runs a command inside a namespace and fails with its output when it exits non-zero. */
  public static String in(String ns, String... cmd) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    argv.addAll(List.of(cmd));
    return run(argv.toArray(String[]::new));
  }

  static String run(String... argv) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", argv) + " failed: " + out);
    }
    return out;
  }

  @Override
  public void close() {
    servers.forEach(s -> s.stop(0));
    for (Process p : processes) {
      p.destroy();
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (String ns : namespaces.reversed()) {
      try {
        run("ip", "netns", "delete", ns);
      } catch (IOException e) {
        System.err.println("cleanup: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
