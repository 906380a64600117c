package dev.netmark.testing.e2e;

import dev.netmark.shim.ShimLaunch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The shim process of one local node, found from outside the run (a test that runs {@code netmark
 * run} in this JVM has no handle on the cluster): by its command line, which names the node.
 *
 * @param pid its process id
 * @param metricsAddr {@code ip:port} of its {@code /records}
 */
record NodeShims(long pid, String metricsAddr) {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  /** The running shim of {@code node}, if any. */
  static Optional<NodeShims> find(String node) {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
        List<String> argv = argv(p);
        int at = argv.indexOf("--node-name");
        if (argv.contains(ShimLaunch.MAIN_CLASS)
            && at >= 0
            && at + 1 < argv.size()
            && argv.get(at + 1).equals(node)) {
          String addr = argv.get(argv.indexOf("--metrics-addr") + 1);
          return Optional.of(new NodeShims(Long.parseLong(p.getFileName().toString()), addr));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    return Optional.empty();
  }

  private static List<String> argv(Path proc) {
    try {
      byte[] raw = Files.readAllBytes(proc.resolve("cmdline"));
      return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
    } catch (IOException e) {
      return List.of(); // exited meanwhile
    }
  }

  /**
   * kill -9, as the user did. False when the process was already gone: a shim that dies on
   * every start may exit between {@link #find} and this.
   */
  boolean kill() {
    return ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false);
  }

  /** Its record log from the start (JSON lines), or empty when it does not answer. */
  Optional<List<String>> records() throws InterruptedException {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://" + metricsAddr + "/records?cursor=0"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200
          ? Optional.of(r.body().lines().filter(l -> !l.isBlank()).toList())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
