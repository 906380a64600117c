package dev.netmark.bench.gather;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.netmark.contract.MetricNames;
import dev.netmark.testing.local.api.ApiServer;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * The {@code engine-gather} fleet, a process of its own: the shims of {@code NODES} simulated
 * nodes, {@code /records} and {@code /metrics} on {@code 127.100.x.y:PORT} (one listener on the
 * port; the address a connection reached names the node), and an API server (local mode's) that
 * lists them as Node objects. Prints {@code ready KUBECONFIG} once serving; then each {@code
 * record} line on standard input records one more run on every node (answered {@code recorded
 * RUN}), and {@code quit} or the end of input stops it.
 *
 * <p>Usage: {@code Fleet NODES PODS_PER_NODE HISTORY PORT}
 */
public final class Fleet {
  private final int nodes;
  private final int port;
  private final FleetRecords records;
  private final Map<Integer, byte[]> runPages = new ConcurrentHashMap<>();
  private final byte[] metrics;

  private Fleet(int nodes, int podsPerNode, long history, int port) {
    this.nodes = nodes;
    this.port = port;
    this.records = new FleetRecords(podsPerNode, history, System.currentTimeMillis());
    this.metrics = FleetMetrics.text(podsPerNode).getBytes(StandardCharsets.UTF_8);
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      throw new IllegalArgumentException("usage: Fleet NODES PODS_PER_NODE HISTORY PORT");
    }
    Fleet fleet =
        new Fleet(
            Integer.parseInt(args[0]),
            Integer.parseInt(args[1]),
            Long.parseLong(args[2]),
            Integer.parseInt(args[3]));
    HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", fleet.port), 1024);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(MetricNames.PATH_RECORDS, fleet::records);
    server.createContext(MetricNames.PATH_METRICS, fleet::metrics);
    server.start();
    try (ApiServer api = ApiServer.start("127.0.0.1");
        KubernetesClient kube = api.newClient()) {
      fleet.createNodes(kube);
      Path kubeconfig = Files.createTempFile("netmark-fleet-", ".kubeconfig");
      Files.writeString(kubeconfig, api.kubeconfig());
      System.out.println("ready " + kubeconfig);
      System.out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine();
          line != null && !line.equals("quit");
          line = in.readLine()) {
        if (line.equals("record")) {
          System.out.println("recorded " + fleet.recordRun());
          System.out.flush();
        }
      }
      Files.deleteIfExists(kubeconfig);
    } finally {
      server.stop(0);
    }
  }

  private void createNodes(KubernetesClient kube) {
    for (int i = 0; i < nodes; i++) {
      FleetNode node = new FleetNode(i);
      Map<String, String> annotations = new HashMap<>();
      if (node.fault() == FleetNode.Fault.REFUSE) {
        annotations.put(MetricNames.ANNOTATION_SHIM_PORT, Integer.toString(port + 1));
      }
      Node object =
          new NodeBuilder()
              .withNewMetadata()
              .withName(node.name())
              .withAnnotations(annotations)
              .endMetadata()
              .withNewStatus()
              .addNewAddress()
              .withType("InternalIP")
              .withAddress(node.address())
              .endAddress()
              .endStatus()
              .build();
      kube.resource(object).create();
    }
  }

  // Renders every node's page of the new run before it is asked for, as shims have it on disk.
  private int recordRun() {
    records.recordRun();
    int run = records.runs();
    runPages.clear();
    IntStream.range(0, nodes)
        .parallel()
        .forEach(
            i -> runPages.put(i, page(new FleetNode(i), records.runStart(run), records.end())));
    return run;
  }

  private byte[] page(FleetNode node, long from, long to) {
    StringBuilder body = new StringBuilder();
    for (long seq = from; seq < to; seq++) {
      body.append(records.line(node, seq)).append('\n');
    }
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void records(HttpExchange exchange) throws IOException {
    try (exchange) {
      FleetNode node = node(exchange);
      if (node == null) {
        return;
      }
      if (node.fault() == FleetNode.Fault.GARBAGE) {
        // Half the garbage nodes claim the current protocol, half send no headers at all.
        if (node.index() % 2 == 0) {
          exchange.getResponseHeaders().set(MetricNames.RECORDS_PROTOCOL_HEADER, "2");
          exchange.getResponseHeaders().set(MetricNames.RECORDS_NEXT_CURSOR_HEADER, "soon");
        }
        send(exchange, "<html>502 Bad Gateway</html>\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      long end = records.end();
      long cursor =
          "end".equals(query.get("from")) ? end : Long.parseLong(query.getOrDefault("cursor", "0"));
      int limit =
          Math.min(
              MetricNames.RECORDS_MAX_LIMIT,
              Integer.parseInt(
                  query.getOrDefault(
                      "limit", Integer.toString(MetricNames.RECORDS_DEFAULT_LIMIT))));
      long to = Math.min(end, cursor + limit);
      byte[] body;
      int run = records.runs();
      if (cursor >= end) {
        body = new byte[0];
      } else if (run > 0 && cursor == records.runStart(run) && to == end) {
        body = runPages.get(node.index());
      } else {
        body = page(node, cursor, to);
      }
      long next = Math.max(cursor, to);
      exchange.getResponseHeaders().set(MetricNames.RECORDS_PROTOCOL_HEADER, "2");
      exchange
          .getResponseHeaders()
          .set(MetricNames.RECORDS_NEXT_CURSOR_HEADER, Long.toString(next));
      exchange
          .getResponseHeaders()
          .set(MetricNames.RECORDS_MORE_HEADER, Boolean.toString(next < end));
      send(exchange, body);
    }
  }

  private void metrics(HttpExchange exchange) throws IOException {
    try (exchange) {
      FleetNode node = node(exchange);
      if (node == null) {
        return;
      }
      send(
          exchange,
          node.fault() == FleetNode.Fault.GARBAGE
              ? "netmark_cni_add_duration_seconds_bucket{le=\"oops\"} x\n"
                  .getBytes(StandardCharsets.UTF_8)
              : metrics);
    }
  }

  // The node whose address the connection reached, after its fault's delay; null when answered.
  private FleetNode node(HttpExchange exchange) throws IOException {
    int index = FleetNode.indexOf(exchange.getLocalAddress().getAddress().getAddress());
    if (index < 0 || index >= nodes) {
      exchange.sendResponseHeaders(404, -1);
      return null;
    }
    FleetNode node = new FleetNode(index);
    long delay =
        switch (node.fault()) {
          case SLOW -> FleetNode.SLOW_MS;
          case HANG -> FleetNode.HANG_MS;
          default -> 0;
        };
    if (delay > 0) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return node;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    }
    return out;
  }

  private static void send(HttpExchange exchange, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson; charset=utf-8");
    exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
