package dev.netmark.bench.gather;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.netmark.contract.MetricNames;
import dev.netmark.testing.local.api.ApiServer;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.api.model.NodeListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The {@code engine-gather} fleet, a process of its own: the shims of {@code NODES} simulated
 * nodes, {@code /records} and {@code /metrics} on {@code 127.100.x.y:PORT} (one listener on the
 * port; the address a connection reached names the node), local mode's API server listing them as
 * Node objects, a fake node proxy ({@link FleetProxyApi}) and a fake Prometheus ({@link
 * FleetPrometheus}). Prints {@code ready KUBECONFIG PROXY_KUBECONFIG PROMETHEUS_URL} once serving;
 * then each {@code record} line on standard input records one more run on every node (answered
 * {@code recorded RUN}), and {@code quit} or the end of input stops it.
 *
 * <p>Usage: {@code Fleet NODES PODS_PER_NODE HISTORY PORT}
 */
public final class Fleet {
  private Fleet() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      throw new IllegalArgumentException("usage: Fleet NODES PODS_PER_NODE HISTORY PORT");
    }
    int nodes = Integer.parseInt(args[0]);
    int pods = Integer.parseInt(args[1]);
    int port = Integer.parseInt(args[3]);
    FleetShims shims =
        new FleetShims(
            nodes,
            new FleetRecords(pods, Long.parseLong(args[2]), System.currentTimeMillis()),
            pods);
    // Every 127.x address reaches the host's loopback; the wildcard listener takes them all.
    HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 1024);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(MetricNames.PATH_RECORDS, exchange -> serve(shims, exchange));
    server.createContext(MetricNames.PATH_METRICS, exchange -> serve(shims, exchange));
    server.start();
    NodeList list = nodeList(nodes, port);
    try (ApiServer api = ApiServer.start("127.0.0.1");
        KubernetesClient kube = api.newClient();
        FleetProxyApi proxy = new FleetProxyApi(list, shims, port);
        FleetPrometheus prometheus = new FleetPrometheus(shims, pods)) {
      for (Node node : list.getItems()) {
        kube.resource(node).create();
      }
      Path kubeconfig = write(api.kubeconfig());
      Path proxyKubeconfig = write(proxy.kubeconfig());
      System.out.println("ready " + kubeconfig + " " + proxyKubeconfig + " " + prometheus.url());
      System.out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine();
          line != null && !line.equals("quit");
          line = in.readLine()) {
        if (line.equals("record")) {
          System.out.println("recorded " + shims.recordRun());
          System.out.flush();
        }
      }
      Files.deleteIfExists(kubeconfig);
      Files.deleteIfExists(proxyKubeconfig);
    } finally {
      server.stop(0);
    }
  }

  private static Path write(String kubeconfig) throws IOException {
    Path file = Files.createTempFile("netmark-fleet-", ".kubeconfig");
    Files.writeString(file, kubeconfig);
    return file;
  }

  private static NodeList nodeList(int nodes, int port) {
    List<Node> items = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      FleetNode node = new FleetNode(i);
      Map<String, String> annotations =
          node.fault() == FleetNode.Fault.REFUSE
              ? Map.of(MetricNames.ANNOTATION_SHIM_PORT, Integer.toString(port + 1))
              : Map.of();
      items.add(
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
              .build());
    }
    return new NodeListBuilder().withItems(items).withNewMetadata().endMetadata().build();
  }

  private static void serve(FleetShims shims, HttpExchange exchange) throws IOException {
    try (exchange) {
      int index = FleetNode.indexOf(exchange.getLocalAddress().getAddress().getAddress());
      if (index < 0 || index >= shims.nodes()) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      FleetShims.Reply reply =
          shims.answer(
              new FleetNode(index),
              exchange.getRequestURI().getPath(),
              exchange.getRequestURI().getRawQuery());
      FleetProxyApi.send(exchange, reply.status(), reply.headers(), reply.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
