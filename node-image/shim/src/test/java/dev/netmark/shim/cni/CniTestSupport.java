package dev.netmark.shim.cni;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Shared helpers of the CNI tests: resources, test plugins and commands without a shell. */
final class CniTestSupport {
  static final Path SYSTEM_BIN = Path.of("/usr/lib/cni");

  private CniTestSupport() {}

  static String resource(String name) {
    try (InputStream in = CniTestSupport.class.getResourceAsStream("/cni/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource cni/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A resource with {@code @KEY@} placeholders replaced. */
  static String render(String name, Map<String, String> vars) {
    String text = resource(name);
    for (Map.Entry<String, String> v : vars.entrySet()) {
      text = text.replace("@" + v.getKey() + "@", v.getValue());
    }
    return text;
  }

  /** Copies the test plugins into {@code dir} and makes them executable. */
  static Path installTestPlugins(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String plugin : List.of("nmcni-test", "relay-legacy")) {
      Path target = dir.resolve(plugin);
      Files.writeString(target, resource("plugins/" + plugin));
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return dir;
  }

  /** Writes a rendered conflist into {@code confDir}. */
  static Path writeConf(Path confDir, String file, String text) throws IOException {
    Files.createDirectories(confDir);
    return Files.writeString(confDir.resolve(file), text);
  }

  record Output(int exit, String text) {}

  /** Runs a command (no shell), stdout and stderr merged, with a 30 s limit. */
  static Output run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", command));
      }
      return new Output(p.exitValue(), out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs a command that must succeed; returns its output. */
  static String ok(String... command) {
    Output o = run(command);
    if (o.exit() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " exited " + o.exit() + ": " + o.text());
    }
    return o.text();
  }

  /** The host's links and CNI iptables rules, to prove a test left them untouched. */
  static String hostNetworkState() {
    String links =
        ok("ip", "-o", "link", "show")
            .lines()
            .map(l -> l.split(":")[1].strip())
            .sorted()
            .toList()
            .toString();
    long cniRules = run("iptables-save").text().lines().filter(l -> l.contains("CNI")).count();
    return links + " CNI-iptables-lines=" + cniRules;
  }

  static void deleteTree(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
