package dev.netmark.bench.shim;

import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
import dev.netmark.contract.ProbeTargets;
import dev.netmark.contract.ProbeTargets.ProbePolicy;
import dev.netmark.shim.ShimLaunch;
import dev.netmark.shim.targets.ProbeTargetsJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real shim ({@code dev.netmark.shim.ShimMain}) in its own JVM inside the node's namespace, as
 * local mode starts one (nsenter, then java), optionally under {@code /usr/bin/time -v}. Its
 * upstream is whatever socket the caller names (containerd's, or one nobody listens on).
 */
final class ShimJvm implements AutoCloseable {
  /**
   * The jar the shim runs from: the node image's {@code netmark-shim.jar} when the calling script
   * names it ({@code -Dnetmark.shimJar}, hack/bench/lib.sh does), else this JVM's class path.
   */
  static String classPath() {
    return System.getProperty("netmark.shimJar", System.getProperty("java.class.path"));
  }

  /**
   * What every launcher of the shim gives its JVM ({@link ShimLaunch}: the node image's flags file
   * and the AOT cache of {@link #classPath()}, trained here on first use, before any timing).
   */
  static List<String> launcherFlags() throws IOException, InterruptedException {
    return ShimLaunch.jvmFlags(aotCache());
  }

  /** The AOT cache of {@link #classPath()}; an error when there can be none. */
  static Optional<Path> aotCache() throws IOException, InterruptedException {
    Optional<Path> cache = ShimLaunch.aotCache(java(), classPath(), ShimLaunch.defaultCacheDir());
    if (cache.isEmpty()) {
      throw new IllegalStateException(
          "the shim's class path is not one jar, so it can have no AOT cache: " + classPath());
    }
    return cache;
  }

  private static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  private static final int PORT = 10260;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final Process process;
  private final long startNanos;
  private final Path dir;
  private final boolean timed;
  private final String nodeIp;

  private ShimJvm(Process process, long startNanos, Path dir, boolean timed, String nodeIp) {
    this.nodeIp = nodeIp;
    this.process = process;
    this.startNanos = startNanos;
    this.dir = dir;
    this.timed = timed;
  }

  /**
   * Starts a shim for {@code node} with state, socket and log under {@code dir}.
   *
   * @param jvmFlags flags before the class path, e.g. {@link #launcherFlags()}
   * @param upstream the runtime socket ordinary calls are forwarded to
   * @param timeReport where {@code /usr/bin/time -v} writes its report, or null to run without it
   */
  static ShimJvm start(
      BenchNode node, Path dir, List<String> jvmFlags, Path upstream, Path timeReport)
      throws IOException {
    return start(node, dir, jvmFlags, upstream, timeReport, null);
  }

  /**
   * As {@link #start(BenchNode, Path, List, Path, Path)}, with the probe targets from the ConfigMap
   * of the API server {@code kubeconfig} names ({@link #targetsJson}), as a node image's shim has
   * them; a file when {@code kubeconfig} is null.
   */
  static ShimJvm start(
      BenchNode node,
      Path dir,
      List<String> jvmFlags,
      Path upstream,
      Path timeReport,
      Path kubeconfig)
      throws IOException {
    Files.createDirectories(dir);
    Path targets = dir.resolve("targets.json");
    Files.writeString(targets, targetsJson(node));
    List<String> argv = new ArrayList<>();
    if (timeReport != null) {
      argv.addAll(List.of("/usr/bin/time", "-v", "-o", timeReport.toString()));
    }
    argv.addAll(List.of("nsenter", "--net=" + node.netns()));
    List<String> shimArgs =
        List.of(
            "--listen",
            "unix://" + socket(dir),
            "--upstream",
            "unix://" + upstream,
            "--cni-conf-dir",
            node.confDir().toString(),
            "--cni-bin-dir",
            "/usr/lib/cni",
            "--node-name",
            node.name(),
            "--metrics-addr",
            node.ip() + ":" + PORT,
            "--state-dir",
            dir.resolve("state").toString(),
            "--netns-prefix",
            node.podNetnsPrefix() + "s",
            kubeconfig == null ? "--probe-targets" : "--kubeconfig",
            kubeconfig == null ? targets.toString() : kubeconfig.toString());
    argv.addAll(ShimLaunch.command(java(), classPath(), jvmFlags, shimArgs));
    ProcessBuilder builder =
        new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("shim.log").toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    // For the calling script's trap, should this JVM be killed before it stops the shim.
    Files.writeString(dir.resolve("launcher.pid"), process.pid() + "\n");
    return new ShimJvm(process, start, dir, timeReport != null, node.ip());
  }

  // Probes ping the node's bridge (the pods' gateway): real ICMP, and the shim's usual work after
  // every ADD, without control pods.
  /** The probe targets of a shim on {@code node}, as the ConfigMap's JSON. */
  static String targetsJson(BenchNode node) {
    return ProbeTargetsJson.toJson(sameNodeTargets(node));
  }

  private static ProbeTargets sameNodeTargets(BenchNode node) {
    return new ProbeTargets(
        Map.of(node.name(), List.of(node.gateway())),
        8080,
        5201,
        null,
        80,
        null,
        null,
        new ProbePolicy(0, 1, false, 10, 10_000, List.of(MetricNames.PROBE_TARGETS.getFirst())));
  }

  static Path socket(Path dir) {
    return dir.resolve("shim.sock");
  }

  Path socket() {
    return socket(dir);
  }

  /**
   * Waits until the shim serves: its socket exists, {@code /healthz} answers 200 and {@code
   * serving} (e.g. a CRI Version through the socket) succeeds; returns the time since the process
   * was started.
   */
  Duration awaitServing(Check serving) throws IOException, InterruptedException {
    URI healthz = URI.create("http://" + nodeIp + ":" + PORT + MetricNames.PATH_HEALTHZ);
    long deadline = startNanos + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the shim exited with " + process.exitValue() + "; its log:\n" + log());
      }
      if (Files.exists(socket()) && healthy(healthz) && serving.ok()) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
      }
      Thread.sleep(2);
    }
    throw new IllegalStateException(
        "the shim did not serve within " + READY_TIMEOUT + ":\n" + log());
  }

  /** A readiness condition checked while waiting. */
  @FunctionalInterface
  interface Check {
    boolean ok();
  }

  /** Every record the shim has written. */
  List<PodEvent> records() throws IOException, InterruptedException {
    List<PodEvent> all = new ArrayList<>();
    long cursor = 0;
    while (true) {
      URI uri =
          URI.create(
              "http://"
                  + nodeIp
                  + ":"
                  + PORT
                  + MetricNames.PATH_RECORDS
                  + "?cursor="
                  + cursor
                  + "&limit="
                  + MetricNames.RECORDS_MAX_LIMIT);
      HttpResponse<String> r =
          HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + r.body());
      }
      List<String> lines = r.body().lines().filter(l -> !l.isBlank()).toList();
      lines.forEach(l -> all.add(PodEventCodec.fromJson(l)));
      if (lines.isEmpty()) {
        return all;
      }
      cursor = Long.parseLong(r.headers().firstValue(MetricNames.RECORDS_NEXT_CURSOR_HEADER).get());
    }
  }

  /** The pid of the shim's JVM (under {@code time}, its child). */
  long jvmPid() {
    if (timed) {
      return process.children().findFirst().map(ProcessHandle::pid).orElse(-1L);
    }
    return process.pid();
  }

  private static boolean healthy(URI uri) throws InterruptedException {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false; // not listening yet
    }
  }

  String log() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("shim.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM (the shim shuts down cleanly), SIGKILL after 10 s; waits for {@code time} too. */
  @Override
  public void close() throws InterruptedException, IOException {
    // Only the JVM gets SIGTERM: time(1) then writes its report and exits with it.
    ProcessHandle.of(jvmPid()).ifPresent(ProcessHandle::destroy);
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    if (!process.isAlive()) {
      Files.deleteIfExists(dir.resolve("launcher.pid"));
    }
  }
}
