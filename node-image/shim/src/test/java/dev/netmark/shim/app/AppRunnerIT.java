package dev.netmark.shim.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.AppTier;
import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.ProbeTargets;
import dev.netmark.contract.ProbeTargets.ProbePolicy;
import dev.netmark.contract.RequestStats;
import dev.netmark.shim.metrics.PodRecorder;
import dev.netmark.shim.metrics.ShimMetrics;
import dev.netmark.shim.probe.ProbeRequest;
import dev.netmark.shim.probe.ProbeSettings;
import dev.netmark.shim.probe.Prober;
import dev.netmark.shim.records.PodRef;
import dev.netmark.shim.records.RecordLog;
import dev.netmark.shim.targets.TargetsHolder;
import dev.netmark.shim.traffic.TrafficExit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serving and calling through the shim's app loop between two real namespaces (root): requests,
 * latencies and error causes as the REQUESTS records give them, SERVICE_READY, stop.
 */
class AppRunnerIT {
  private static final PodRef SERVER = new PodRef("shop", "api-0", "uid-api-0");
  private static final PodRef CLIENT = new PodRef("shop", "web-0", "uid-web-0");
  private static final String S = AppPair.SERVER_IP;

  @TempDir static Path stateDir;
  private static AppPair net;
  private static RecordLog log;
  private static ShimMetrics metrics;
  private static Prober prober;
  private static AppRunner apps;

  @BeforeAll
  static void setUp() throws Exception {
    net = AppPair.create();
    log = RecordLog.open(stateDir);
    metrics = new ShimMetrics();
    PodRecorder recorder = PodRecorder.open(log, metrics, "node-a");
    TargetsHolder targets = new TargetsHolder();
    // No probe classes: each pod is network-ready the moment its ADD "ends".
    ProbePolicy none = new ProbePolicy(0, 1, false, 10, 60_000, List.of());
    targets.update(
        new ProbeTargets(Map.of(), 0, 0, null, 0, null, null, none)
            .withApplications(
                Map.of(
                    "shop/api", new AppTier(AppPair.VIP, 8080, "http", List.of(S)),
                    "shop/api2", new AppTier(null, 8080, "http", List.of(S)),
                    "shop/ping", new AppTier(null, 8080, "http", List.of(S)),
                    "shop/post", new AppTier(null, 8082, "http", List.of(S)),
                    "shop/echo", new AppTier(null, 9000, "tcp-echo", List.of(S)),
                    "shop/sink", new AppTier(null, 9001, "tcp-sink", List.of(S)),
                    "shop/down", new AppTier(null, 9999, "http", List.of(S)),
                    "shop/gone", new AppTier(null, 8080, "http", List.of(AppPair.NOBODY_IP)),
                    "shop/none", new AppTier(null, 8080, "http", List.of()),
                    "other/api", new AppTier(AppPair.VIP, 8080, "http", List.of(S)))));
    prober = new Prober(targets, recorder, ProbeSettings.defaults());
    apps = new AppRunner(prober, targets, recorder);
    long now = System.nanoTime();
    prober.start(new ProbeRequest(SERVER, AppPair.netns(AppPair.SERVER), S, 1, now, now));
    prober.start(
        new ProbeRequest(CLIENT, AppPair.netns(AppPair.CLIENT), AppPair.CLIENT_IP, 1, now, now));
    serve("srv-http", "netmark-serve http 8080 --body 5000");
    serve("srv-post", "netmark-serve http 8082 --body 100");
    serve("srv-echo", "netmark-serve tcp-echo 9000");
    serve("srv-sink", "netmark-serve tcp-sink 9001");
  }

  @AfterAll
  static void tearDown() {
    if (apps != null) {
      apps.close();
    }
    if (prober != null) {
      prober.close();
    }
    if (net != null) {
      net.close();
    }
    if (log != null) {
      log.close();
    }
  }

  private static AppCommand command(String line) {
    return AppParser.parse(List.of(), Arrays.asList(line.split(" "))).orElseThrow();
  }

  private static AppRun serve(String id, String line) {
    return apps.start(
        new AppRequest(SERVER, id, AppPair.netns(AppPair.SERVER), S, 1, "api", command(line)));
  }

  private static AppRun call(String id, String line) {
    return apps.start(
        new AppRequest(
            CLIENT, id, AppPair.netns(AppPair.CLIENT), AppPair.CLIENT_IP, 1, "web", command(line)));
  }

  private static TrafficExit finish(AppRun run) throws Exception {
    return run.exit().get(30, TimeUnit.SECONDS);
  }

  /** The REQUESTS seconds of one edge, summed. */
  private static Total total(String edge) {
    Total t = new Total();
    log.replay(
        e -> {
          if (e.kind() == EventKind.REQUESTS && e.requests().edge().equals(edge)) {
            RequestStats s = e.requests();
            t.events++;
            t.requests += s.requests();
            t.answered += s.answered();
            t.latencies.addAll(s.latencyMs());
            s.errors().forEach((k, v) -> t.errors.merge(k, v, Integer::sum));
            s.errorTargets().forEach((k, v) -> t.targets.merge(k, v, Integer::sum));
          }
        });
    System.out.printf(
        "%s: %d events, %d requests, %d answered, errors %s, targets %s, latencies %s%n",
        edge, t.events, t.requests, t.answered, t.errors, t.targets, t.latencies);
    return t;
  }

  static final class Total {
    int events;
    int requests;
    int answered;
    final List<Double> latencies = new ArrayList<>();
    final Map<String, Integer> errors = new TreeMap<>();
    final Map<String, Integer> targets = new TreeMap<>();
  }

  @Test
  void httpThroughTheVipIsAnsweredAndMakesTheServerServiceReady() throws Exception {
    assertThat(
            finish(
                    call(
                        "c-http",
                        "netmark-call web->api http $(SERVICE:api) --rate 10 --duration 2s"))
                .exitCode())
        .isZero();
    Total t = total("web->api");
    // 20 slots from when calling began; one that passed while the loop was busy would be skipped
    assertThat(t.requests).isBetween(1, 20);
    assertThat(t.answered).isEqualTo(t.requests);
    assertThat(t.errors).isEmpty();
    assertThat(t.latencies).hasSize(t.requests).allMatch(ms -> ms > 0 && ms < 2000);
    List<PodEvent> ready = events(EventKind.SERVICE_READY);
    assertThat(ready).hasSize(1);
    assertThat(ready.get(0).uid()).isEqualTo(SERVER.uid());
    assertThat(ready.get(0).seconds().get("service_ready")).isBetween(0.0, 30.0);
  }

  @Test
  void aSizedHttpCallPostsItsBodyAndIsAnsweredOnceTheServerReadItAll() throws Exception {
    // Counts what the client sends to the server's port 8082 (IP bytes, headers included).
    AppPair.in(AppPair.CLIENT, "iptables", "-A", "OUTPUT", "-p", "tcp", "--dport", "8082");
    assertThat(
            finish(
                    call(
                        "c-post",
                        "netmark-call web->post http $(POD:post) --rate 10 --size 200000"
                            + " --duration 1s"))
                .exitCode())
        .isZero();
    Total t = total("web->post");
    assertThat(t.requests).isBetween(1, 10);
    assertThat(t.answered).isEqualTo(t.requests);
    assertThat(t.errors).isEmpty();
    String rule =
        AppPair.in(AppPair.CLIENT, "iptables", "-L", "OUTPUT", "-n", "-v", "-x")
            .lines()
            .filter(l -> l.contains("dpt:8082"))
            .findFirst()
            .orElseThrow();
    long sent = Long.parseLong(rule.strip().split("\\s+")[1]);
    // Each request: 200,000 bytes of body, a head of about 130, and about 150 segments' headers.
    assertThat(sent).isBetween(200_000L * t.requests, 215_000L * t.requests);
  }

  @Test
  void theServerReadsABodyUpToItsBoundAndRefusesOneByteMore(@TempDir Path dir) throws Exception {
    Path atBound = Files.write(dir.resolve("at-bound"), new byte[(int) HttpRequest.MAX_BODY]);
    Path over = Files.write(dir.resolve("over"), new byte[(int) HttpRequest.MAX_BODY + 1]);
    // curl would wait a second for a 100 Continue that the server does not send: no Expect.
    assertThat(post(atBound, "-o", "/dev/null", "-w", "%{http_code} %{size_download}"))
        .isEqualTo("200 5000");
    assertThat(post(over, "-w", "%{http_code}"))
        .isEqualTo("request body of 1048577 bytes is over the server's bound of 1048576\n413");
  }

  private static String post(Path body, String... output) throws Exception {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "curl",
                "-sS",
                "-H",
                "Expect:",
                "--data-binary",
                "@" + body,
                "http://" + S + ":8080/"));
    argv.addAll(List.of(output));
    return AppPair.in(AppPair.CLIENT, argv.toArray(String[]::new));
  }

  @Test
  void tcpEchoSinkAndIcmpAreAnswered() throws Exception {
    AppRun echo =
        call(
            "c-echo", "netmark-call web->echo tcp $(POD:echo) --rate 10 --size 3000 --duration 1s");
    AppRun sink =
        call(
            "c-sink",
            "netmark-call web->sink tcp $(POD:sink) --rate 10 --size 100000 --duration 1s");
    AppRun ping =
        call(
            "c-icmp", "netmark-call web->ping icmp $(POD:ping) --rate 10 --size 100 --duration 1s");
    for (AppRun r : List.of(echo, sink, ping)) {
      assertThat(finish(r).exitCode()).isZero();
    }
    for (String edge : List.of("web->echo", "web->sink", "web->ping")) {
      Total t = total(edge);
      assertThat(t.requests).as(edge).isBetween(1, 10);
      assertThat(t.answered).as(edge).isEqualTo(t.requests);
      assertThat(t.errors).as(edge).isEmpty();
    }
  }

  @Test
  void causesRefusedNoTargetAndStopped() throws Exception {
    AppRun down = call("c-down", "netmark-call web->down http $(POD:down) --rate 10 --duration 1s");
    AppRun none = call("c-none", "netmark-call web->none http $(POD:none) --rate 10 --duration 1s");
    AppRun gone = call("c-gone", "netmark-call web->gone http $(POD:gone) --rate 10 --timeout 60s");
    assertThat(finish(down).exitCode()).isZero();
    assertThat(finish(none).exitCode()).isZero();
    apps.stop("c-gone");
    assertThat(finish(gone).exitCode()).isZero();
    Total d = total("web->down");
    assertThat(d.requests).isBetween(1, 10);
    assertThat(d.errors).isEqualTo(Map.of("refused", d.requests));
    assertThat(d.targets).isEqualTo(Map.of(S, d.requests));
    Total n = total("web->none");
    assertThat(n.requests).isBetween(1, 10);
    assertThat(n.errors).isEqualTo(Map.of("no_target", n.requests));
    assertThat(n.targets).isEmpty();
    Total g = total("web->gone");
    assertThat(g.requests).isPositive();
    assertThat(g.errors).isEqualTo(Map.of("stopped", g.requests));
    assertThat(g.targets).isEqualTo(Map.of(AppPair.NOBODY_IP, g.requests));
    assertThat(scrape())
        .contains(
            "netmark_app_requests_total{edge=\"web->down\",result=\"refused\"} "
                + (double) d.requests);
  }

  @Test
  void aServerWhoseNamespaceIsDeletedKeepsTheLoopGoingAndStopsCleanly() throws Exception {
    AppRun extra = serve("srv-extra", "netmark-serve http 8081");
    net.deleteServerNetns();
    // The loop still serves and calls: the held namespace keeps the server reachable until stop.
    assertThat(
            finish(
                    call(
                        "c-after",
                        "netmark-call web->api2 http $(POD:api2) --rate 10 --duration 1s"))
                .exitCode())
        .isZero();
    Total t = total("web->api2");
    assertThat(t.requests).isBetween(1, 10);
    assertThat(t.answered).isEqualTo(t.requests);
    apps.forget("srv-extra");
    assertThat(finish(extra).exitCode()).isZero();
  }

  private static List<PodEvent> events(EventKind kind) {
    List<PodEvent> out = new ArrayList<>();
    log.replay(
        e -> {
          if (e.kind() == kind) {
            out.add(e);
          }
        });
    return out;
  }

  private static String scrape() throws Exception {
    var out = new java.io.ByteArrayOutputStream();
    io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter.create()
        .write(out, metrics.registry().scrape());
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
