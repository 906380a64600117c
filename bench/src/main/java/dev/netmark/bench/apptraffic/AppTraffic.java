package dev.netmark.bench.apptraffic;

import dev.netmark.api.Percentiles;
import dev.netmark.bench.BenchResult;
import dev.netmark.bench.density.DensityNetwork;
import dev.netmark.bench.density.DensityRun;
import dev.netmark.contract.EventKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code app-traffic}: configs/application-microservices.yaml on 3 local nodes, run through the
 * command line as a user runs it. Prints the requests per second the model carried, the shims' CPU
 * seconds per 1,000 requests while traffic flowed, and the request-latency p50 of the same-node
 * edge ({@link TrafficStats}) against a raw HTTP round trip between two network namespaces ({@link
 * RawHttp}) measured during the same run, with the same body size. Headline: their ratio; goal
 * (issue 13) at most 1.5.
 *
 * <p>Usage: {@code AppTraffic SOURCE_ROOT WORK_DIR}
 */
public final class AppTraffic {
  static final String CONFIG = "configs/application-microservices.yaml";
  static final DensityNetwork NETWORK = new DensityNetwork("nap", 164);
  private static final String RAW_SUBNET = "10.168.0";
  private static final double RAW_PER_SECOND = 20;
  private static final double GOAL = 1.5;
  private static final int NODES = 3;

  private AppTraffic() {}

  /**
   * The config's knobs for the benchmark: the shipped sizes with 30 s of steady traffic between the
   * changes, or 2 s for the smoke run. The benchmark reports latency and errors itself, so the
   * config's thresholds must not fail the run on a loaded machine.
   */
  static List<String> options(boolean smoke) {
    return List.of(
        "--set",
        "STEADY=" + (smoke ? "2s" : "30s"),
        "--set",
        "REQUEST_P99=1m",
        "--set",
        "READY_P99=10m",
        "--set",
        "STEADY_ERRORS=1000000",
        "--set",
        "ROLLOUT_ERROR_SHARE=1");
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: AppTraffic SOURCE_ROOT WORK_DIR");
    }
    BenchResult result =
        new BenchResult(
            "app-traffic",
            "sudo hack/bench.sh app-traffic" + (BenchResult.smoke() ? " --smoke" : ""));
    Path root = Path.of(args[0]);
    Path work = Files.createDirectories(Path.of(args[1]));
    List<String> options = options(BenchResult.smoke());
    Map<String, Integer> sizes = ModelSizes.of(root, CONFIG, options);
    if (sizes.isEmpty()) {
      throw new IllegalStateException(CONFIG + " has no tier serving HTTP");
    }
    List<Integer> distinct = sizes.values().stream().distinct().sorted().toList();
    AtomicBoolean trafficSeen = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Map<Integer, List<Double>>> raw = new AtomicReference<>(Map.of());
    AtomicReference<Exception> rawFailure = new AtomicReference<>();
    DensityRun.Outcome out;
    // Not PREFIX-...: the local run sweeps every namespace of its prefix at its start.
    try (RawHttp http = RawHttp.start(NETWORK.prefix() + "raw", RAW_SUBNET)) {
      // The raw GETs go out while the model's traffic flows, under the same load.
      Thread rawThread =
          Thread.ofPlatform()
              .name("raw-gets")
              .unstarted(
                  () -> {
                    try {
                      raw.set(http.get(distinct, RAW_PER_SECOND, stop::get));
                    } catch (Exception e) {
                      rawFailure.set(e);
                    }
                  });
      try {
        out =
            new DensityRun(root, work, NETWORK)
                .run(
                    CONFIG,
                    options,
                    NODES,
                    copied -> {
                      if (!trafficSeen.get()
                          && copied.stream().anyMatch(e -> e.kind() == EventKind.REQUESTS)) {
                        trafficSeen.set(true);
                        rawThread.start();
                      }
                    });
      } finally {
        stop.set(true);
        if (trafficSeen.get()) {
          rawThread.join();
        }
      }
    }
    if (rawFailure.get() != null) {
      throw new IllegalStateException("the raw GETs failed", rawFailure.get());
    }
    report(result, out, sizes, raw.get());
  }

  private static void report(
      BenchResult result,
      DensityRun.Outcome out,
      Map<String, Integer> sizes,
      Map<Integer, List<Double>> raw) {
    TrafficStats stats = TrafficStats.of(out.events());
    if (stats.sameNodeEdge() == null) {
      throw new IllegalStateException(
          "no HTTP edge had a client pod on the node of all its server pods in this run ("
              + stats.requests()
              + " requests)");
    }
    int body = sizes.getOrDefault(stats.sameNodeServerTier(), 0);
    List<Double> rawSamples = raw.getOrDefault(body, List.of());
    if (rawSamples.isEmpty()) {
      throw new IllegalStateException("no raw GET of " + body + " bytes completed during the run");
    }
    double ours = Percentiles.of(stats.sameNodeLatencyMs()).get(50);
    double rawP50 = Percentiles.of(rawSamples).get(50);
    double ratio = ours / rawP50;
    double cpu =
        out.cpuWhenLast(e -> e.kind() == EventKind.REQUESTS)
            - out.cpuWhenFirst(e -> e.kind() == EventKind.REQUESTS);
    double cpuPer1000 = stats.requests() == 0 ? 0 : cpu / stats.requests() * 1000;
    System.out.printf(
        Locale.ROOT,
        "carried: %d of %d requests answered over %d s, %.1f requests/s%n",
        stats.answered(),
        stats.requests(),
        stats.seconds(),
        stats.carriedPerSecond());
    System.out.printf(
        Locale.ROOT,
        "shim CPU while traffic flowed: %.2f s over %d shims, %.3f s per 1,000 requests%n",
        cpu,
        out.shims(),
        cpuPer1000);
    System.out.printf(
        Locale.ROOT,
        "same-node edge %s (%d-byte bodies): p50 %.3f ms over %d requests; raw HTTP between two"
            + " namespaces: p50 %.3f ms over %d GETs; ratio %.2f (goal <= %.1f)%n",
        stats.sameNodeEdge(),
        body,
        ours,
        stats.sameNodeLatencyMs().size(),
        rawP50,
        rawSamples.size(),
        ratio,
        GOAL);
    result
        .headline(
            "same-node edge's request-latency p50 over a raw HTTP round trip between two network"
                + " namespaces, configs/application-microservices.yaml on 3 local nodes",
            "ratio",
            ratio)
        .goal("ratio <= 1.5", ratio <= GOAL)
        .detail("requests", stats.requests())
        .detail("answered", stats.answered())
        .detail("trafficSeconds", stats.seconds())
        .detail("requestsPerSecondCarried", stats.carriedPerSecond())
        .detail("shimCpuSecondsWhileTrafficFlowed", cpu)
        .detail("shimCpuSecondsPer1000Requests", cpuPer1000)
        .detail("sameNodeEdge", stats.sameNodeEdge())
        .detail("bodyBytes", body)
        .detail("sameNodeP50Ms", ours)
        .detail("sameNodeRequests", stats.sameNodeLatencyMs().size())
        .detail("rawP50Ms", rawP50)
        .detail("rawGets", rawSamples.size())
        .detail(
            "definitions",
            "carried: answered requests of every edge over the seconds from the first to the last"
                + " second with requests; shim CPU: utime+stime of every shim from /proc/PID/stat,"
                + " from the poll that copied the first REQUESTS record to the one that copied the"
                + " last, over the requests sent; same-node edge: the HTTP edge with the most"
                + " answered requests from client pods on the node where every pod of the server"
                + " tier ran; raw: GET /BYTES on a fresh connection from one network namespace to"
                + " a tiny HTTP server in another, both on a bridge, 20/s while the model's"
                + " traffic flowed; both latencies from connect start to the last byte; p50"
                + " nearest rank")
        .finish();
  }
}
