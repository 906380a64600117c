package dev.netmark.bench.gather;

import dev.netmark.api.Measurement;
import dev.netmark.api.MeasurementContext;
import dev.netmark.api.MetricSource;
import dev.netmark.api.MetricSourceFactory;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.bench.BenchResult;
import dev.netmark.contract.MetricNames;
import dev.netmark.measurements.network.NetworkReadyLatencyFactory;
import dev.netmark.measurements.source.DirectMetricSourceFactory;
import dev.netmark.measurements.source.ProxyMetricSourceFactory;
import dev.netmark.measurements.source.prometheus.PrometheusMetricSourceFactory;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code engine-gather}: NetworkReadyLatency's start and gather, as a run takes them, against a
 * simulated fleet of 5,000 nodes ({@link Fleet}, another process) with 30 pods each and a full
 * record set per pod, 100 events of history per node before the run; some nodes slow, hanging,
 * refusing connections or answering garbage. Checks that coverage is exact (the failed nodes are
 * exactly the misbehaving ones that cannot answer, every pod of the others is counted) and reports
 * the gather's seconds (headline, median over repetitions) and this process's peak heap.
 *
 * <p>Usage: {@code EngineGather} (BENCH_SMOKE=1: 50 nodes); run with {@code -Xmx1g}.
 */
public final class EngineGather {
  private static final int PORT = MetricNames.DEFAULT_SHIM_PORT;
  private static final int PODS_PER_NODE = 30;
  private static final int HISTORY = 100;
  private static final Pattern NOT_ANSWERING = Pattern.compile("(node-\\d{5}) \\(");

  private EngineGather() {}

  /** A measurement context over the fleet: one test namespace per run. */
  private record Context(
      KubernetesClient kube, MetricSource metrics, List<String> namespaces, Path reportDir)
      implements MeasurementContext {
    @Override
    public String testName() {
      return "engine-gather";
    }
  }

  /** One repetition's numbers. */
  record Rep(
      double startSeconds,
      double gatherSeconds,
      double peakHeapMiB,
      double liveHeapMiB,
      boolean exact) {}

  public static void main(String[] args) throws Exception {
    BenchResult result = new BenchResult("engine-gather", "hack/bench.sh engine-gather");
    boolean smoke = BenchResult.smoke();
    int nodes = smoke ? 50 : 5_000;
    int reps = smoke ? 1 : 3;
    Process fleet =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx3g",
                "-cp",
                System.getProperty("java.class.path"),
                Fleet.class.getName(),
                Integer.toString(nodes),
                Integer.toString(PODS_PER_NODE),
                Integer.toString(HISTORY),
                Integer.toString(PORT))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(fleet.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter in = new PrintWriter(fleet.getOutputStream(), true, StandardCharsets.UTF_8)) {
      String[] ready = expect(out, "ready ").split(" ");
      try (KubernetesClient kube = client(Path.of(ready[0]));
          KubernetesClient proxyApi = client(Path.of(ready[1]))) {
        Set<String> failing = new TreeSet<>();
        for (int i = 0; i < nodes; i++) {
          if (!new FleetNode(i).answers()) {
            failing.add(new FleetNode(i).name());
          }
        }
        long expectedPods = (long) (nodes - failing.size()) * PODS_PER_NODE;
        Map<String, String> options = Map.of("port", Integer.toString(PORT));
        List<Rep> direct = new ArrayList<>();
        for (int r = 1; r <= reps; r++) {
          direct.add(
              rep(
                  kube,
                  kube,
                  new DirectMetricSourceFactory(),
                  options,
                  in,
                  out,
                  r,
                  failing,
                  expectedPods));
        }
        // The proxy source: the same reads through a fake API server's node proxy.
        Rep proxy =
            rep(
                kube,
                proxyApi,
                new ProxyMetricSourceFactory(),
                options,
                in,
                out,
                reps + 1,
                failing,
                expectedPods);
        // The prometheus source: the same fleet as a Prometheus scraping it would answer.
        Rep prometheus =
            rep(
                kube,
                kube,
                new PrometheusMetricSourceFactory(),
                Map.of("url", ready[2]),
                in,
                out,
                reps + 2,
                failing,
                expectedPods);
        in.println("quit");
        double[] gather = direct.stream().mapToDouble(Rep::gatherSeconds).toArray();
        double peak = direct.stream().mapToDouble(Rep::liveHeapMiB).max().orElseThrow();
        boolean exact = direct.stream().allMatch(Rep::exact) && proxy.exact() && prometheus.exact();
        double worst = direct.stream().mapToDouble(Rep::gatherSeconds).max().orElseThrow();
        System.err.printf("engine-gather: largest heap live after a collection %.0f MiB%n", peak);
        result
            .headline(
                "seconds of NetworkReadyLatency's gather, direct source, "
                    + nodes
                    + " nodes x "
                    + PODS_PER_NODE
                    + " pods",
                "s",
                gather)
            .goal("<= 60 s and <= 1 GiB heap, coverage exact", worst <= 60 && peak <= 1024 && exact)
            .detail("nodes", nodes)
            .detail("podsPerNode", PODS_PER_NODE)
            .detail("eventsPerPod", FleetRecords.PER_POD)
            .detail("historyEventsPerNode", HISTORY)
            .detail("nodesThatCannotAnswer", failing.size())
            .detail("coverageExact", exact)
            .detail("startSeconds", direct.stream().map(Rep::startSeconds).toList())
            .detail("gatherSeconds", direct.stream().map(Rep::gatherSeconds).toList())
            .detail("liveHeapMiB", direct.stream().map(Rep::liveHeapMiB).toList())
            .detail("peakHeapMiB", direct.stream().map(Rep::peakHeapMiB).toList())
            .detail("proxyStartSeconds", proxy.startSeconds())
            .detail("proxyGatherSeconds", proxy.gatherSeconds())
            .detail("proxyLiveHeapMiB", proxy.liveHeapMiB())
            .detail("prometheusStartSeconds", prometheus.startSeconds())
            .detail("prometheusGatherSeconds", prometheus.gatherSeconds())
            .detail("prometheusLiveHeapMiB", prometheus.liveHeapMiB());
        if (!exact) {
          result.note("coverage was NOT exact in some repetition; see the log");
        }
        result.finish();
      }
    } finally {
      fleet.destroy();
      fleet.waitFor();
    }
  }

  /**
   * @param kube the API server the measurement follows pods in
   * @param sourceApi the API server the metric source lists nodes in (and proxies through)
   */
  private static Rep rep(
      KubernetesClient kube,
      KubernetesClient sourceApi,
      MetricSourceFactory factory,
      Map<String, String> options,
      PrintWriter fleetIn,
      BufferedReader fleetOut,
      int run,
      Set<String> failing,
      long expectedPods)
      throws Exception {
    Path reportDir = Files.createTempDirectory("netmark-gather-");
    MetricSource source = factory.create(sourceApi, options);
    Context context = new Context(kube, source, List.of(FleetRecords.namespace(run)), reportDir);
    Measurement measurement = new NetworkReadyLatencyFactory().create(context);
    try {
      long t0 = System.nanoTime();
      measurement.execute(Params.of(Map.of("action", "start")));
      double startSeconds = (System.nanoTime() - t0) / 1e9;
      fleetIn.println("record");
      expect(fleetOut, "recorded ");
      System.gc();
      Summary summary;
      double gatherSeconds;
      double peakMiB;
      double liveMiB;
      try (Heap heap = Heap.watch()) {
        long t1 = System.nanoTime();
        summary = measurement.execute(Params.of(Map.of("action", "gather"))).getFirst();
        gatherSeconds = (System.nanoTime() - t1) / 1e9;
        peakMiB = heap.peakBytes() / (1024.0 * 1024);
        liveMiB = heap.liveBytes() / (1024.0 * 1024);
      }
      boolean exact = exact(summary, failing, expectedPods);
      System.err.printf(
          "engine-gather: %s run %d: start %.2f s, gather %.2f s, heap live after GC %.0f MiB (pools'"
              + " peaks %.0f MiB), coverage %s%n",
          factory.kind(),
          run,
          startSeconds,
          gatherSeconds,
          liveMiB,
          peakMiB,
          exact ? "exact" : "WRONG");
      return new Rep(startSeconds, gatherSeconds, peakMiB, liveMiB, exact);
    } finally {
      measurement.dispose();
      deleteTree(reportDir);
    }
  }

  // Every pod of every node that can answer is counted, and exactly the others are named.
  private static boolean exact(Summary summary, Set<String> failing, long expectedPods) {
    double counted =
        summary.dataItems().stream()
            .filter(i -> MetricNames.CNI_ADD.equals(i.labels().get("Metric")))
            .mapToDouble(i -> i.data().getOrDefault("Count", -1.0))
            .findFirst()
            .orElse(-1);
    String coverage =
        summary.notes().stream().filter(n -> n.startsWith("coverage: ")).findFirst().orElse("");
    Set<String> named = new TreeSet<>();
    Matcher m = NOT_ANSWERING.matcher(coverage);
    while (m.find()) {
      named.add(m.group(1));
    }
    boolean ok = counted == expectedPods && named.equals(failing);
    if (!ok) {
      System.err.printf(
          "engine-gather: expected %d pods and %d failed nodes, got %.0f pods and %s%n",
          expectedPods, failing.size(), counted, coverage);
    }
    return ok;
  }

  private static KubernetesClient client(Path kubeconfig) throws IOException {
    Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
    config.setRequestTimeout(120_000);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static String expect(BufferedReader fleetOut, String prefix) throws IOException {
    for (String line = fleetOut.readLine(); line != null; line = fleetOut.readLine()) {
      if (line.startsWith(prefix)) {
        return line.substring(prefix.length());
      }
    }
    throw new IOException("the fleet ended before saying '" + prefix + "'");
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
