package dev.netmark.shim.app;

import dev.netmark.shim.testing.Commands;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Two pod namespaces on one veth (root): a server 10.203.7.2 and a client 10.203.7.3, and a service
 * VIP 10.203.8.8:8080 DNAT-ed inside the client to the server's 8080, as kube-proxy would on the
 * node. Everything is named {@code nmapp-*} and removed by {@link #close()}.
 */
final class AppPair implements AutoCloseable {
  static final String SERVER = "nmapp-srv";
  static final String CLIENT = "nmapp-cli";
  static final String SERVER_IP = "10.203.7.2";
  static final String CLIENT_IP = "10.203.7.3";
  static final String VIP = "10.203.8.8";
  static final String NOBODY_IP = "10.203.7.99";

  private final List<String> namespaces = new ArrayList<>();

  static AppPair create() throws Exception {
    AppPair p = new AppPair();
    try {
      p.build();
      return p;
    } catch (Exception | AssertionError e) {
      p.close();
      throw e;
    }
  }

  static Path netns(String name) {
    return Path.of("/run/netns", name);
  }

  private void build() throws Exception {
    for (String ns : List.of(SERVER, CLIENT)) {
      Commands.status(List.of("ip", "netns", "del", ns));
      Commands.run(List.of("ip", "netns", "add", ns));
      namespaces.add(ns);
      in(ns, "ip", "link", "set", "lo", "up");
    }
    Commands.run(
        List.of(
            "ip", "link", "add", "eth0", "netns", SERVER, "type", "veth", "peer", "name", "eth0",
            "netns", CLIENT));
    in(SERVER, "ip", "addr", "add", SERVER_IP + "/24", "dev", "eth0");
    in(CLIENT, "ip", "addr", "add", CLIENT_IP + "/24", "dev", "eth0");
    in(SERVER, "ip", "link", "set", "eth0", "up");
    in(CLIENT, "ip", "link", "set", "eth0", "up");
    in(CLIENT, "ip", "route", "add", "10.203.8.0/24", "dev", "eth0");
    in(
        CLIENT,
        "iptables",
        "-t",
        "nat",
        "-A",
        "OUTPUT",
        "-d",
        VIP,
        "-p",
        "tcp",
        "--dport",
        "8080",
        "-j",
        "DNAT",
        "--to-destination",
        SERVER_IP + ":8080");
  }

  /** Runs {@code argv} in namespace {@code ns}; returns its output. */
  static String in(String ns, String... argv) throws Exception {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    all.addAll(List.of(argv));
    return Commands.run(all);
  }

  /** Deletes the server's namespace file while it serves (the shim still holds it open). */
  void deleteServerNetns() throws Exception {
    Commands.run(List.of("ip", "netns", "del", SERVER));
    namespaces.remove(SERVER);
  }

  @Override
  public void close() {
    for (String ns : List.copyOf(namespaces)) {
      try {
        // The veth and the iptables rules go with the namespaces.
        Commands.status(List.of("ip", "netns", "del", ns));
      } catch (Exception e) {
        System.err.println("cannot delete namespace " + ns + ": " + e);
      }
    }
    namespaces.clear();
  }
}
