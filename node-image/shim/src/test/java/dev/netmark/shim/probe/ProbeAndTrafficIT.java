package dev.netmark.shim.probe;

import static dev.netmark.shim.probe.ProbeTopology.CONTROL_IPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.ProbeTargets;
import dev.netmark.contract.ProbeTargets.ProbePolicy;
import dev.netmark.shim.cni.RunningPlugins;
import dev.netmark.shim.metrics.HealthChecks;
import dev.netmark.shim.metrics.PodRecorder;
import dev.netmark.shim.metrics.ShimHttpServer;
import dev.netmark.shim.metrics.ShimMetrics;
import dev.netmark.shim.metrics.TrafficKeys;
import dev.netmark.shim.records.PodRef;
import dev.netmark.shim.records.RecordLog;
import dev.netmark.shim.targets.TargetsHolder;
import dev.netmark.shim.traffic.TrafficExit;
import dev.netmark.shim.traffic.TrafficParser;
import dev.netmark.shim.traffic.TrafficRequest;
import dev.netmark.shim.traffic.TrafficRun;
import dev.netmark.shim.traffic.TrafficRunner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prober and the traffic model against real namespaces, control pods (HTTP and iperf3 servers),
 * a DNAT-ed service VIP and an external namespace ({@link ProbeTopology}); needs root.
 */
class ProbeAndTrafficIT {
  private static final String NODE = "node-a";
  private static final ProbePolicy ALL =
      new ProbePolicy(2, 3, true, 10, 10_000, MetricNames.PROBE_TARGETS);

  @TempDir static Path stateDir;
  private static ProbeTopology net;
  private static RecordLog log;
  private static ShimMetrics metrics;
  private static PodRecorder recorder;

  static ProbeTargets targets(String externalIp, String externalUrl, ProbePolicy policy) {
    return new ProbeTargets(
        Map.of(
            NODE,
            List.of(CONTROL_IPS.get(0)),
            "node-b",
            List.of(CONTROL_IPS.get(1)),
            "node-c",
            List.of(CONTROL_IPS.get(2))),
        ProbeTopology.HTTP_PORT,
        ProbeTopology.IPERF_PORT,
        ProbeTopology.SERVICE_IP,
        ProbeTopology.SERVICE_PORT,
        externalIp,
        externalUrl,
        policy);
  }

  @BeforeAll
  static void setUp() throws Exception {
    net = ProbeTopology.create();
    log = RecordLog.open(stateDir);
    metrics = new ShimMetrics();
    recorder = PodRecorder.open(log, metrics, NODE);
  }

  @AfterAll
  static void tearDown() {
    probers.forEach(Prober::close);
    if (net != null) {
      net.close();
    }
    if (log != null) {
      log.close();
    }
  }

  private static final List<Prober> probers = new ArrayList<>();

  private static Prober prober(ProbeTargets t) {
    TargetsHolder holder = new TargetsHolder();
    holder.update(t);
    Prober p = new Prober(holder, recorder, ProbeSettings.defaults(), new AtomicInteger());
    probers.add(p);
    return p;
  }

  private static ProbeRequest request(PodRef pod, String ns, String ip) {
    long addEnd = System.nanoTime();
    // The first ADD attempt started 50 ms before the successful one ended (a kubelet retry).
    return new ProbeRequest(pod, ProbeTopology.netns(ns), ip, 2, addEnd - 50_000_000L, addEnd);
  }

  private static List<PodEvent> events(String uid) {
    List<PodEvent> events = new ArrayList<>();
    log.replay(
        e -> {
          if (e.uid().equals(uid)) {
            events.add(e);
          }
        });
    return events;
  }

  @Test
  void everyClassPassesAndNetworkReadySpansThemAll() throws Exception {
    PodRef pod = new PodRef("load", "netperf-a", "uid-all");
    String ext = "http://" + ProbeTopology.EXT_IP + ":" + ProbeTopology.HTTP_PORT + "/";
    Prober prober = prober(targets(ProbeTopology.EXT_IP, ext, ALL));
    ProbeOutcome out =
        prober
            .start(request(pod, ProbeTopology.POD1, ProbeTopology.POD1_IP))
            .outcome()
            .get(60, TimeUnit.SECONDS);

    System.out.printf(
        "probes after ADD end: %s; network_ready from first attempt: %s%n",
        out.probes(), out.networkReadyTime());
    assertThat(out.failures()).isEmpty();
    assertThat(out.networkReady()).isTrue();
    assertThat(out.probes().keySet())
        .containsExactlyInAnyOrderElementsOf(MetricNames.PROBE_TARGETS);
    for (Duration d : out.probes().values()) {
      assertThat(d).isPositive();
      assertThat(out.networkReadyTime()).isGreaterThanOrEqualTo(d.plusMillis(50));
    }
    List<PodEvent> events = events(pod.uid());
    assertThat(events)
        .extracting(PodEvent::kind)
        .containsExactly(
            EventKind.PROBE,
            EventKind.PROBE,
            EventKind.PROBE,
            EventKind.PROBE,
            EventKind.NETWORK_READY);
    PodEvent ready = events.get(4);
    assertThat(ready.seconds())
        .containsEntry("network_ready", out.networkReadyTime().toNanos() / 1e9)
        .containsKey("probe_wait");
    for (PodEvent probe : events.subList(0, 4)) {
      String cls =
          probe.seconds().keySet().stream()
              .filter(k -> k.startsWith("probe_"))
              .sorted()
              .findFirst()
              .orElseThrow();
      // Sent, then arrived, then read: the class is dated by the send time.
      assertThat(probe.seconds().get(cls + "_arrival"))
          .isGreaterThanOrEqualTo(probe.seconds().get(cls));
      assertThat(probe.seconds().get(cls + "_read"))
          .isGreaterThanOrEqualTo(probe.seconds().get(cls + "_arrival"));
    }
    assertThat(ready.ip()).isEqualTo(ProbeTopology.POD1_IP);
    assertThat(ready.attempt()).isEqualTo(2);
    String text = scrape();
    for (String target : MetricNames.PROBE_TARGETS) {
      assertThat(text).contains("netmark_probe_duration_seconds_count{target=\"" + target + "\"} ");
    }
  }

  @Test
  void aTargetThatNeverAnswersFailsItsClassAfterTheTimeout() throws Exception {
    PodRef pod = new PodRef("load", "netperf-b", "uid-fail");
    ProbePolicy policy = new ProbePolicy(2, 3, false, 10, 300, List.of("same_node", "external"));
    // 10.203.3.3 is routed nowhere: the node answers "unreachable" or nothing at all.
    Prober prober = prober(targets("10.203.3.3", null, policy));
    ProbeOutcome out =
        prober
            .start(request(pod, ProbeTopology.POD1, ProbeTopology.POD1_IP))
            .outcome()
            .get(60, TimeUnit.SECONDS);

    assertThat(out.networkReady()).isFalse();
    assertThat(out.probes().keySet()).containsExactly("same_node");
    assertThat(out.failures().keySet()).containsExactly("external");
    assertThat(out.failures().get("external"))
        .startsWith("ping 10.203.3.3 did not succeed within 300 ms");
    List<PodEvent> events = events(pod.uid());
    assertThat(events)
        .extracting(PodEvent::kind)
        .containsExactlyInAnyOrder(EventKind.PROBE, EventKind.PROBE_FAILED);
    assertThat(events)
        .filteredOn(e -> e.kind() == EventKind.PROBE_FAILED)
        .singleElement()
        .extracting(PodEvent::error)
        .asString()
        .startsWith("external: ping 10.203.3.3 did not succeed");
    assertThat(scrape()).contains("netmark_probe_failures_total{target=\"external\"} 1.0");
  }

  @Test
  void cancellingAPodStopsItsProbesWithoutRecords() throws Exception {
    PodRef pod = new PodRef("load", "netperf-c", "uid-cancel");
    ProbePolicy policy = new ProbePolicy(2, 3, false, 10, 60_000, List.of("external"));
    Prober prober = prober(targets("10.203.3.4", null, policy));
    ProbeRun run = prober.start(request(pod, ProbeTopology.POD2, ProbeTopology.POD2_IP));
    prober.cancel(pod.uid());
    ProbeOutcome out = run.outcome().get(10, TimeUnit.SECONDS);
    assertThat(out.cancelled()).isTrue();
    assertThat(out.networkReady()).isFalse();
    assertThat(prober.find(pod.uid())).isEmpty();
    Thread.sleep(200); // longer than an attempt: a loop that ignored the cancel would record by now
    assertThat(events(pod.uid())).isEmpty();
  }

  @Test
  void iperf3AndCurlRunInThePodAfterNetworkReady() throws Exception {
    PodRef pod = new PodRef("load", "netperf-d", "uid-traffic");
    TrafficRunner runner =
        probedRunner(
            pod,
            ProbeTopology.POD2,
            ProbeTopology.POD2_IP,
            new ProbePolicy(2, 1, false, 10, 10_000, List.of("same_node", "service")));
    long counted = iperfRunsCounted();

    TrafficRun iperf =
        runner.start(
            new TrafficRequest(
                pod,
                "ctr-iperf",
                ProbeTopology.netns(ProbeTopology.POD2),
                ProbeTopology.POD2_IP,
                2,
                TrafficParser.parse(
                    List.of("iperf3"), List.of("-c", "$(CONTROL_SAME_NODE)", "-t", "1"))));
    TrafficExit exit = iperf.exit().get(60, TimeUnit.SECONDS);
    assertThat(exit.reason()).isNull();
    assertThat(exit.exitCode()).isZero();
    assertThat(exit.finishedWallMs()).isGreaterThan(exit.startedWallMs());

    TrafficRun curl =
        runner.start(
            new TrafficRequest(
                pod,
                "ctr-curl",
                ProbeTopology.netns(ProbeTopology.POD2),
                ProbeTopology.POD2_IP,
                2,
                TrafficParser.parse(
                    List.of("curl", "-s", "-o", "/dev/null", "$(SERVICE_URL)"), List.of())));
    assertThat(curl.exit().get(60, TimeUnit.SECONDS).exitCode()).isZero();

    List<PodEvent> traffic =
        events(pod.uid()).stream().filter(e -> e.kind() == EventKind.TRAFFIC).toList();
    assertThat(traffic).hasSize(2);
    Map<String, Double> iperfResults = traffic.get(0).traffic();
    assertThat(iperfResults.get(TrafficKeys.BITS_PER_SECOND)).isGreaterThan(0.0);
    assertThat(iperfResults)
        .containsEntry(TrafficKeys.EXIT_CODE, 0.0)
        .containsKey(TrafficKeys.RETRANSMITS);
    assertThat(traffic.get(1).traffic()).containsEntry(TrafficKeys.HTTP_CODE, 200.0);
    assertThat(iperfRunsCounted()).isEqualTo(counted + 1);
    System.out.printf(
        "iperf3 pod -> same-node control pod: %.2f Gbit/s%n",
        iperfResults.get(TrafficKeys.BITS_PER_SECOND) / 1e9);
  }

  @Test
  void twoClientsOfOneIperf3ServerTakeTurnsInsteadOfFailing() throws Exception {
    // The same-node control pod runs one iperf3 server, which turns a second client away at once
    // ("the server is busy") while it serves the first: the second waits and tries again.
    PodRef pod = new PodRef("load", "netperf-turns", "uid-turns");
    TrafficRunner runner =
        probedRunner(
            pod,
            ProbeTopology.POD1,
            ProbeTopology.POD1_IP,
            new ProbePolicy(2, 1, false, 10, 10_000, List.of("same_node")));
    List<TrafficRun> runs = new ArrayList<>();
    for (String ctr : List.of("ctr-turn-1", "ctr-turn-2")) {
      runs.add(
          runner.start(
              new TrafficRequest(
                  pod,
                  ctr,
                  ProbeTopology.netns(ProbeTopology.POD1),
                  ProbeTopology.POD1_IP,
                  2,
                  TrafficParser.parse(
                      List.of("iperf3"), List.of("-c", "$(CONTROL_SAME_NODE)", "-t", "2")))));
    }
    for (TrafficRun run : runs) {
      TrafficExit exit = run.exit().get(90, TimeUnit.SECONDS);
      assertThat(exit.reason()).as(run.request().containerId()).isNull();
    }
    List<Map<String, Double>> results =
        events(pod.uid()).stream()
            .filter(e -> e.kind() == EventKind.TRAFFIC)
            .map(PodEvent::traffic)
            .toList();
    assertThat(results).hasSize(2).allMatch(r -> r.get(TrafficKeys.BITS_PER_SECOND) > 0);
    // Two 2 s tests of one server cannot overlap: one of them was turned away at least once.
    assertThat(results.stream().mapToDouble(r -> r.getOrDefault(TrafficKeys.BUSY_RETRIES, 0.0)))
        .anyMatch(n -> n >= 1);
  }

  @Test
  void theHttpEndpointsAnswer() throws Exception {
    PodRef pod = new PodRef("load", "netperf-e", "uid-http");
    Prober prober =
        prober(targets(null, null, new ProbePolicy(2, 1, false, 10, 10_000, List.of("same_node"))));
    prober
        .start(request(pod, ProbeTopology.POD1, ProbeTopology.POD1_IP))
        .outcome()
        .get(60, TimeUnit.SECONDS);
    HttpClient http = HttpClient.newHttpClient();
    try (ShimHttpServer server =
        ShimHttpServer.start("127.0.0.1:0", metrics, log, new HealthChecks(), null)) {
      String base = "http://127.0.0.1:" + server.port();
      HttpResponse<String> m =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(m.statusCode()).isEqualTo(200);
      assertThat(m.body()).contains("netmark_network_ready_duration_seconds_bucket{le=\"+Inf\"}");
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/records?cursor=0")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body().lines().count())
          .isEqualTo(
              r.headers()
                  .firstValue(MetricNames.RECORDS_NEXT_CURSOR_HEADER)
                  .map(Long::parseLong)
                  .orElseThrow());
      assertThat(r.body()).contains("\"uid\":\"uid-http\"");
      HttpResponse<String> h =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(h.statusCode()).isEqualTo(200);
    }
  }

  /** A traffic runner whose prober has started probing {@code pod} in namespace {@code ns}. */
  private static TrafficRunner probedRunner(PodRef pod, String ns, String ip, ProbePolicy policy) {
    TargetsHolder holder = new TargetsHolder();
    holder.update(targets(null, null, policy));
    Prober prober = new Prober(holder, recorder, ProbeSettings.defaults(), new AtomicInteger());
    probers.add(prober);
    TrafficRunner runner =
        new TrafficRunner(prober, holder, recorder, Duration.ofSeconds(30), RunningPlugins.none());
    prober.start(request(pod, ns, ip));
    return runner;
  }

  /** Runs counted by the shared metrics so far (the tests of this class share them). */
  private static long iperfRunsCounted() throws Exception {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?m)^netmark_traffic_bits_per_second_count (\\d+)$")
            .matcher(scrape());
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private static String scrape() throws Exception {
    var out = new java.io.ByteArrayOutputStream();
    io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter.create()
        .write(out, metrics.registry().scrape());
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
