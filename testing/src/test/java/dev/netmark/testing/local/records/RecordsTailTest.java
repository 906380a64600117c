package dev.netmark.testing.local.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.netmark.api.MetricSource;
import dev.netmark.api.MetricSourceFactory;
import dev.netmark.contract.EventKind;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
import dev.netmark.measurements.source.DirectMetricSourceFactory;
import dev.netmark.measurements.source.ProxyMetricSourceFactory;
import dev.netmark.shim.records.RecordLog;
import dev.netmark.shim.records.RecordsHttpHandler;
import dev.netmark.testing.local.api.ApiServer;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A measurement's start against a real shim's {@code /records} whose log holds 1,000,000 events
 * (issue 15): through the {@code direct} and {@code proxy} sources it costs one request and no
 * event is read, whatever the history. The time it takes is printed, not asserted.
 */
class RecordsTailTest {
  private static final int EVENTS = 1_000_000;

  private static Path state;
  private static RecordLog log;
  private static HttpServer shim;
  private static ApiServer api;
  private static KubernetesClient kube;
  private static final AtomicLong requests = new AtomicLong();
  private static final AtomicLong bodyBytes = new AtomicLong();

  @BeforeAll
  static void aShimWithAMillionEvents() throws IOException {
    state = Files.createTempDirectory("netmark-tail-");
    writeLog(state.resolve(RecordLog.FILE_NAME));
    log = RecordLog.open(state);
    shim = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    shim.createContext(MetricNames.PATH_RECORDS, new RecordsHttpHandler(log, null))
        .getFilters()
        .add(counting());
    shim.start();
    api = ApiServer.start("127.0.0.1");
    kube = api.newClient();
    kube.resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName("n1")
                .addToAnnotations(
                    MetricNames.ANNOTATION_SHIM_PORT, Integer.toString(shim.getAddress().getPort()))
                .endMetadata()
                .withNewStatus()
                .addNewAddress()
                .withType("InternalIP")
                .withAddress("127.0.0.1")
                .endAddress()
                .endStatus()
                .build())
        .create();
  }

  @AfterAll
  static void stop() throws IOException {
    if (shim != null) {
      shim.stop(0);
    }
    if (kube != null) {
      kube.close();
    }
    if (api != null) {
      api.close();
    }
    if (log != null) {
      log.close();
    }
    try (var files = Files.list(state)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(state);
  }

  // Small events written straight to the file: the shim reloads them at open as after a restart.
  private static void writeLog(Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int seq = 0; seq < EVENTS; seq++) {
        PodEvent e =
            new PodEvent(
                seq,
                EventKind.DEL,
                "n1",
                "old-run",
                "p",
                "u" + seq,
                null,
                1,
                seq,
                null,
                null,
                null);
        out.write(PodEventCodec.toJson(e));
        out.write('\n');
      }
    }
  }

  // Counts the requests and the body bytes the shim sends.
  private static Filter counting() {
    return new Filter() {
      @Override
      public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        requests.incrementAndGet();
        chain.doFilter(exchange);
        String length = exchange.getResponseHeaders().getFirst("Content-length");
        bodyBytes.addAndGet(length == null ? 0 : Long.parseLong(length));
      }

      @Override
      public String description() {
        return "counts /records requests and bytes";
      }
    };
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"direct", "proxy"})
  void theTailOfAMillionEventLogIsOneRequestWithNoEvents(String kind) throws Exception {
    MetricSourceFactory factory =
        kind.equals("direct") ? new DirectMetricSourceFactory() : new ProxyMetricSourceFactory();
    Map<String, String> options =
        Map.of("port", Integer.toString(shim.getAddress().getPort()), "timeout", "60s");
    MetricSource source = factory.create(kube, options);
    long before = requests.get();
    long bytesBefore = bodyBytes.get();

    long started = System.nanoTime();
    MetricSource.EventBatch tail = source.tail();
    long micros = (System.nanoTime() - started) / 1000;

    assertThat(tail.coverage().failedNodes()).isEmpty();
    assertThat(tail.next().nextSeqByNode()).isEqualTo(Map.of("n1", (long) EVENTS));
    assertThat(requests.get() - before).isEqualTo(1);
    assertThat(bodyBytes.get() - bytesBefore).isZero();
    System.out.printf(
        "RecordsTailTest: %s tail of a %,d-event log: 1 request, 0 body bytes, %,d us%n",
        kind, EVENTS, micros);
  }
}
