package dev.netmark.measurements.source.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.MetricSource;
import dev.netmark.api.MetricSource.Histogram;
import dev.netmark.api.NetmarkException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source against recorded Prometheus answers served on loopback. */
class PrometheusMetricSourceTest {
  private static final String READY = "netmark_network_ready_duration_seconds";
  private static final String SCRAPES = "timestamp(up{job=\"netmark-shims\"})";
  private static final String UP = "up{job=\"netmark-shims\"}";
  private static final String BUCKETS = "sum by (le) (" + READY + "_bucket{job=\"netmark-shims\"})";
  private static final String SUM = "sum(" + READY + "_sum{job=\"netmark-shims\"})";
  private static final String ANY = "count({job=\"netmark-shims\",__name__=~\"netmark_.+\"})";

  private RecordedPrometheus prom;

  @BeforeEach
  void start() throws IOException {
    prom = new RecordedPrometheus();
  }

  @AfterEach
  void stop() {
    prom.close();
  }

  private MetricSource source(List<String> clusterNodes, String... extra) {
    Map<String, String> opts = new HashMap<>();
    opts.put("url", prom.url());
    opts.put("selector", "job=\"netmark-shims\"");
    opts.put("scrape-wait", "0");
    for (int i = 0; i < extra.length; i += 2) {
      opts.put(extra[i], extra[i + 1]);
    }
    return PrometheusMetricSourceFactory.create(PrometheusOptions.parse(opts), () -> clusterNodes);
  }

  private void twoFreshShims() {
    prom.reply("time()", "time.json")
        .reply(SCRAPES, "scrape-times-fresh.json")
        .reply(UP, "up-two.json");
  }

  @Test
  void sumsTheBucketsOfEveryShimAtTheTimeOfTheRead() throws Exception {
    twoFreshShims();
    prom.reply(BUCKETS, "buckets.json").reply(SUM, "sum.json");

    Histogram h = source(List.of("node1", "node2")).histogram(READY, Map.of());

    assertThat(h.upperBounds())
        .containsExactly(0.001, 0.005, 0.01, 0.025, 0.05, Double.POSITIVE_INFINITY);
    assertThat(h.cumulativeCounts()).containsExactly(0, 3, 10, 18, 20, 20);
    assertThat(h.sum()).isEqualTo(0.2535);
    assertThat(h.coverage().nodesAsked()).isEqualTo(2);
    assertThat(h.coverage().failedNodes()).isEmpty();
    assertThat(prom.queries).containsExactly("time()", SCRAPES, UP, BUCKETS, SUM);
  }

  @Test
  void labelsOfTheSeriesAreAddedToTheSelector() throws Exception {
    twoFreshShims();
    String probe = "netmark_probe_duration_seconds";
    String buckets =
        "sum by (le) (" + probe + "_bucket{job=\"netmark-shims\",target=\"same_node\"})";
    prom.reply(buckets, "buckets.json")
        .reply("sum(" + probe + "_sum{job=\"netmark-shims\",target=\"same_node\"})", "sum.json");

    Histogram h = source(List.of()).histogram(probe, Map.of("target", "same_node"));

    assertThat(h.count()).isEqualTo(20);
  }

  @Test
  void noDataYetIsAnEmptyHistogramAsFromTheShims() throws Exception {
    twoFreshShims();
    prom.reply(BUCKETS, "empty-vector.json")
        .reply(ANY, "count.json")
        .reply(SUM, "empty-vector.json");

    Histogram h = source(List.of()).histogram(READY, Map.of());

    assertThat(h.upperBounds()).isEmpty();
    assertThat(h.count()).isZero();
  }

  @Test
  void targetsWithoutAnyNetmarkSeriesAreAnError() {
    twoFreshShims();
    prom.reply(BUCKETS, "empty-vector.json").reply(ANY, "empty-vector.json");

    assertThatThrownBy(() -> source(List.of()).histogram(READY, Map.of()))
        .hasMessageContaining(
            "query '"
                + ANY
                + "': no netmark_ series at all; do the selected targets serve the"
                + " shims' /metrics?");
  }

  @Test
  void waitsForEveryTargetToBeScrapedAfterTheReadBegan() throws Exception {
    prom.reply("time()", "time.json")
        .reply(SCRAPES, "scrape-times-stale.json", "scrape-times-stale.json")
        .reply(SCRAPES, "scrape-times-fresh.json")
        .reply(UP, "up-two.json")
        .reply(BUCKETS, "buckets.json")
        .reply(SUM, "sum.json");

    Histogram h = source(List.of(), "scrape-wait", "20s").histogram(READY, Map.of());

    assertThat(h.coverage().failedNodes()).isEmpty();
    assertThat(prom.queries.stream().filter(SCRAPES::equals).count()).isEqualTo(3);
  }

  @Test
  void staleFailingAndUnscrapedNodesAreNamed() throws Exception {
    prom.reply("time()", "time.json")
        .reply(SCRAPES, "scrape-times-three.json")
        .reply(UP, "up-three.json")
        .reply(BUCKETS, "buckets.json")
        .reply(SUM, "sum.json");

    Histogram h =
        source(List.of("node1", "node2", "node3", "node4"), "scrape-wait", "200ms")
            .histogram(READY, Map.of());

    assertThat(h.coverage().nodesAsked()).isEqualTo(4);
    assertThat(h.coverage().failedNodes())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "node2", "Prometheus cannot scrape it (up=0)",
                "node3", "last scraped 5.0 s before the read, none newer within scrape-wait 200 ms",
                "node4", "no Prometheus target with node=\"node4\""));
  }

  @Test
  void targetsWithoutTheNodeLabelAreNamedByInstance() throws Exception {
    twoFreshShims();
    prom.reply(BUCKETS, "buckets.json").reply(SUM, "sum.json");

    Histogram h =
        source(List.of("node1", "node2", "node9"), "node-label", "kubernetes_node")
            .histogram(READY, Map.of());

    // No target carries kubernetes_node, so cluster nodes cannot be matched and are not counted.
    assertThat(h.coverage().nodesAsked()).isEqualTo(2);
    assertThat(h.coverage().failedNodes()).isEmpty();
  }

  @Test
  void hasNoPerPodRecordsAndAsksNothingForThem() throws Exception {
    MetricSource.EventBatch batch = source(List.of()).events(MetricSource.Cursor.START);

    assertThat(batch.available()).isFalse();
    assertThat(batch.events()).isEmpty();
    assertThat(prom.queries).isEmpty();
  }

  @Test
  void sendsTheBearerTokenReadFromTheFile(@TempDir Path dir) throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "s3cret\n");
    twoFreshShims();
    prom.reply(BUCKETS, "buckets.json").reply(SUM, "sum.json");

    source(List.of(), "token-file", token.toString()).histogram(READY, Map.of());

    assertThat(prom.authorizations).hasSize(5).containsOnly("Bearer s3cret");
  }

  @Test
  void anUnreadableTokenFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("missing");

    assertThatThrownBy(
            () -> source(List.of(), "token-file", missing.toString()).histogram(READY, Map.of()))
        .isInstanceOf(NetmarkException.class)
        .hasMessageContaining("cannot read token-file " + missing)
        .hasMessageContaining("query 'time()'");
  }

  @Test
  void prometheusErrorJsonIsReportedWithUrlAndQuery() {
    twoFreshShims();
    prom.reply(BUCKETS, 400, "bad-data-400.json");

    assertThatThrownBy(() -> source(List.of()).histogram(READY, Map.of()))
        .isInstanceOf(NetmarkException.class)
        .hasMessage(
            "metric source prometheus at "
                + prom.url()
                + ", query '"
                + BUCKETS
                + "': HTTP 400 bad_data: invalid parameter \"query\": 1:6: parse error: unclosed"
                + " left parenthesis");
  }

  @Test
  void executionErrorsKeepPrometheusMessage() {
    twoFreshShims();
    prom.reply(BUCKETS, 422, "execution-422.json");

    assertThatThrownBy(() -> source(List.of()).histogram(READY, Map.of()))
        .hasMessageContaining(
            "query '" + BUCKETS + "': HTTP 422 execution: found duplicate series");
  }

  @Test
  void aResultOfTheWrongTypeIsAnError() {
    twoFreshShims();
    prom.reply(BUCKETS, "matrix.json");

    assertThatThrownBy(() -> source(List.of()).histogram(READY, Map.of()))
        .hasMessageEndingWith(
            "query '" + BUCKETS + "': expected resultType vector, found 'matrix'");
  }

  @Test
  void aNonPrometheusAnswerIsQuoted() {
    prom.reply("time()", 502, "bad-gateway-502.html");

    assertThatThrownBy(() -> source(List.of()).histogram(READY, Map.of()))
        .hasMessageContaining("query 'time()': HTTP 502, not Prometheus JSON: '<html><head>");
  }

  @Test
  void noMatchingTargetsIsAnError() {
    prom.reply("time()", "time.json").reply(SCRAPES, "empty-vector.json");

    assertThatThrownBy(() -> source(List.of()).histogram(READY, Map.of()))
        .hasMessageContaining("query '" + SCRAPES + "': no scrape targets");
  }

  @Test
  void anUnreachableServerIsNamed() {
    MetricSource source =
        PrometheusMetricSourceFactory.create(
            PrometheusOptions.parse(Map.of("url", "http://127.0.0.1:1", "timeout", "2s")),
            List::of);

    assertThatThrownBy(() -> source.histogram(READY, Map.of()))
        .hasMessageStartingWith(
            "metric source prometheus at http://127.0.0.1:1, query 'time()': cannot reach the"
                + " server: ConnectException");
  }
}
