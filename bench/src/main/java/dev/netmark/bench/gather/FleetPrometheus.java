package dev.netmark.bench.gather;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.netmark.contract.MetricNames;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Prometheus for the {@code prometheus} source: it answers the source's instant queries
 * ({@code /api/v1/query}) from the same fleet, as a Prometheus scraping every shim would. Every
 * node is a target labelled {@code node}; the nodes that cannot answer are {@code up == 0}, and
 * each answering node's histograms hold {@code PODS_PER_NODE} observations per recorded run, all
 * within 50 ms as {@link FleetMetrics} has them. Only the query forms the source sends are known;
 * anything else is a Prometheus {@code bad_data} error, so a change of the source's queries fails
 * the benchmark loudly instead of measuring nothing.
 */
final class FleetPrometheus implements AutoCloseable {
  private static final Pattern BUCKETS =
      Pattern.compile("sum by \\(le\\) \\((\\w+)_bucket\\{[^}]*}\\)");
  private static final Pattern SUM = Pattern.compile("sum\\((\\w+)_sum\\{[^}]*}\\)");
  private static final List<String> METRICS =
      List.of(
          MetricNames.CNI_ADD_SECONDS,
          MetricNames.CNI_ADD_TOTAL_SECONDS,
          MetricNames.NETWORK_READY_SECONDS);

  private final HttpServer server;
  private final FleetShims shims;
  private final int podsPerNode;

  /** Nodes that answer: fixed per node for the fleet's life, so counted once. */
  private final int answering;

  FleetPrometheus(FleetShims shims, int podsPerNode) throws IOException {
    this.shims = shims;
    this.podsPerNode = podsPerNode;
    this.answering = countAnswering(shims);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/api/v1/query", this::handle);
    server.start();
  }

  /** The URL the source's {@code url} option takes. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String raw = exchange.getRequestURI().getRawQuery();
      String query =
          raw != null && raw.startsWith("query=")
              ? URLDecoder.decode(raw.substring(6), StandardCharsets.UTF_8)
              : "";
      String body = answer(query);
      int status = body.startsWith("{\"status\":\"error\"") ? 400 : 200;
      FleetProxyApi.send(
          exchange,
          status,
          Map.of("Content-Type", "application/json"),
          body.getBytes(StandardCharsets.UTF_8));
    }
  }

  String answer(String query) {
    double now = System.currentTimeMillis() / 1000.0;
    if (query.equals("time()")) {
      return success("scalar", pair(now, now));
    }
    if (query.equals("up{}") || query.equals("timestamp(up{})")) {
      boolean times = query.startsWith("timestamp");
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < shims.nodes(); i++) {
        FleetNode node = new FleetNode(i);
        double value = times ? now : node.answers() ? 1 : 0;
        out.append(i == 0 ? "" : ",")
            .append("{\"metric\":{\"job\":\"netmark-shims\",\"node\":\"")
            .append(node.name())
            .append("\",\"instance\":\"")
            .append(node.address())
            .append("\"},\"value\":")
            .append(pair(now, value))
            .append('}');
      }
      return success("vector", out.append(']').toString());
    }
    if (query.equals("count({__name__=~\"netmark_.+\"})")) {
      return success("vector", "[{\"metric\":{},\"value\":" + pair(now, 8.0 * answering) + "}]");
    }
    Matcher buckets = BUCKETS.matcher(query);
    if (buckets.matches()) {
      return success("vector", METRICS.contains(buckets.group(1)) ? buckets(now) : "[]");
    }
    Matcher sum = SUM.matcher(query);
    if (sum.matches()) {
      double total = observations() * 0.03;
      return success(
          "vector",
          METRICS.contains(sum.group(1))
              ? "[{\"metric\":{},\"value\":" + pair(now, total) + "}]"
              : "[]");
    }
    return "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"the fake Prometheus does"
        + " not know the query '"
        + query.replace("\"", "'")
        + "'\"}";
  }

  private String buckets(double now) {
    StringBuilder out = new StringBuilder("[");
    for (double le : MetricNames.BUCKETS_SECONDS) {
      out.append(out.length() == 1 ? "" : ",")
          .append(bucket(String.valueOf(le), le >= 0.05 ? observations() : 0, now));
    }
    return out.append(',').append(bucket("+Inf", observations(), now)).append(']').toString();
  }

  private static String bucket(String le, long count, double now) {
    return "{\"metric\":{\"le\":\"" + le + "\"},\"value\":" + pair(now, count) + "}";
  }

  private long observations() {
    return (long) shims.runs() * podsPerNode * answering;
  }

  private static int countAnswering(FleetShims shims) {
    int n = 0;
    for (int i = 0; i < shims.nodes(); i++) {
      n += new FleetNode(i).answers() ? 1 : 0;
    }
    return n;
  }

  private static String pair(double time, double value) {
    return String.format(Locale.ROOT, "[%.3f,\"%s\"]", time, fmt(value));
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static String success(String type, String result) {
    return "{\"status\":\"success\",\"data\":{\"resultType\":\""
        + type
        + "\",\"result\":"
        + result
        + "}}";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
