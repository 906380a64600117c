package dev.netmark.testing.local.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {
  private static Map<String, Cidr> planned() {
    Map<String, Cidr> m = new LinkedHashMap<>();
    m.put("cluster CIDR", Cidr.parse("10.240.0.0/16"));
    m.put("node link CIDR", Cidr.parse("10.241.0.0/16"));
    m.put("service CIDR", Cidr.parse("10.250.0.0/16"));
    m.put("external CIDR", Cidr.parse("10.251.0.0/24"));
    return m;
  }

  @Test
  void reportsClashesButNotDefaultRoutesOrOwnDevices() throws IOException {
    List<String> problems = Preflight.clashes(Route.parseAll(RouteTest.sample()), planned(), "nml");
    assertThat(problems)
        .containsExactly(
            "node link CIDR 10.241.0.0/16 overlaps the existing route '10.241.7.0/24 dev docker0"
                + " proto kernel scope link src 10.241.7.1 linkdown': choose another range",
            "service CIDR 10.250.0.0/16 overlaps the existing route 'blackhole 10.250.3.0/24 proto"
                + " bird': choose another range");
  }

  @Test
  void anotherPrefixsRoutesAreClashes() throws IOException {
    List<String> problems = Preflight.clashes(Route.parseAll(RouteTest.sample()), planned(), "nmx");
    assertThat(problems)
        .hasSize(4)
        .anyMatch(p -> p.startsWith("cluster CIDR 10.240.0.0/16 overlaps"));
  }

  @Test
  void aCleanTableHasNoClashes() {
    String table =
        "default via 192.0.2.1 dev eth0\n192.0.2.0/24 dev eth0 proto kernel scope link\n";
    assertThat(Preflight.clashes(Route.parseAll(table), planned(), "nml")).isEmpty();
  }

  @Test
  void namesMissingCommandsPluginsAndTheirPackages(@TempDir Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path cni = Files.createDirectories(dir.resolve("cni"));
    for (String c : List.of("ip", "iptables", "iptables-save", "iptables-restore", "nsenter")) {
      executable(bin.resolve(c));
    }
    executable(cni.resolve("bridge"));
    Files.writeString(cni.resolve("portmap"), "not executable");
    List<String> problems =
        Preflight.missing(List.of(bin), cni, List.of("bridge", "host-local", "portmap"));
    assertThat(problems)
        .containsExactly(
            "missing iperf3 (Debian package iperf3), ping (Debian package iputils-ping), "
                + cni.resolve("host-local")
                + " (Debian package containernetworking-plugins), "
                + cni.resolve("portmap")
                + " (Debian package containernetworking-plugins): install with apt-get install -y"
                + " iperf3 iputils-ping containernetworking-plugins or fix --cni-bin-dir");
  }

  @Test
  void nothingMissingIsNoProblem(@TempDir Path dir) throws IOException {
    for (String c : Preflight.COMMANDS.keySet()) {
      executable(dir.resolve(c));
    }
    executable(dir.resolve("bridge"));
    assertThat(Preflight.missing(List.of(dir), dir, List.of("bridge"))).isEmpty();
  }

  private static void executable(Path p) throws IOException {
    Files.writeString(p, "#!/bin/true\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
