package dev.netmark.shim;

import dev.netmark.contract.ProbeTargets;
import dev.netmark.contract.json.ObjectNode;
import dev.netmark.shim.cri.api.RuntimeServiceGrpc;
import dev.netmark.shim.cri.api.VersionRequest;
import dev.netmark.shim.kube.TrainingApiServer;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The training run behind the shim's AOT cache ({@code java -XX:AOTCacheOutput=FILE -cp JAR
 * dev.netmark.shim.ShimTraining}): starts a real shim through {@link ShimMain} in a scratch
 * directory (its own socket, state and namespace directory; the loopback plugin's VERSION when
 * there is one), lets it follow its probe targets' ConfigMap from a loopback API server ({@link
 * TrainingApiServer}: a list, then a watch with one event, as on every node), asks it for a CRI
 * Version (relayed to an upstream nobody listens on) and for its HTTP endpoints, then exits, which
 * writes the cache. Touches nothing outside the scratch directory, so it also runs in an image
 * build. The classes it loads are the ones the cache holds and every later start loads at once: it
 * does what a starting shim does and no more.
 */
public final class ShimTraining {
  private static final String TARGETS =
      """
      {"controlPods":{"training":["127.0.0.1"]},"controlHttpPort":8080,"controlIperfPort":5201,
       "servicePort":80,"policy":{"remoteNodes":0,"serviceHttpCount":1,"servicePing":false,
       "intervalMs":10,"timeoutMs":1000,"classes":["same_node"]}}
      """;
  private static final List<Path> PLUGIN_DIRS =
      List.of(Path.of("/opt/cni/bin"), Path.of("/usr/lib/cni"));
  private static final int PORT_WAIT_MS = 60_000;

  private ShimTraining() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("netmark-shim-training");
    System.exit(train(dir));
  }

  private static int train(Path dir) throws Exception {
    Path conf = Files.createDirectories(dir.resolve("net.d"));
    boolean loopback =
        PLUGIN_DIRS.stream().anyMatch(d -> Files.isExecutable(d.resolve("loopback")));
    if (loopback) {
      Files.writeString(
          conf.resolve("10-training.conflist"),
          "{\"cniVersion\":\"1.0.0\",\"name\":\"training\",\"plugins\":[{\"type\":\"loopback\"}]}");
    }
    TrainingApiServer api = TrainingApiServer.start(configMap());
    Files.writeString(dir.resolve("kubeconfig"), api.kubeconfig());
    Path socket = dir.resolve("shim.sock");
    int port = freePort();
    String[] shimArgs = {
      "--listen",
      "unix://" + socket,
      "--upstream",
      "unix://" + dir.resolve("nobody.sock"),
      "--cni-conf-dir",
      conf.toString(),
      "--cni-bin-dir",
      String.join(",", PLUGIN_DIRS.stream().map(Path::toString).toList()),
      "--node-name",
      "training",
      "--metrics-addr",
      "127.0.0.1:" + port,
      "--state-dir",
      dir.resolve("state").toString(),
      "--netns-dir",
      dir.resolve("netns").toString(),
      "--netns-prefix",
      "netmark-training-",
      "--kubeconfig",
      dir.resolve("kubeconfig").toString()
    };
    String[] all = loopback ? shimArgs : append(shimArgs, "--cni-config-later");
    Thread shim =
        Thread.ofPlatform()
            .name("training-shim")
            .daemon()
            .start(() -> ShimMain.run(new PrintWriter(System.err, true), all));
    // Runs beside ShimMain's hook, which closes the shim and so ends the thread above.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    shim.join(10_000);
                    deleteTree(dir);
                  } catch (IOException | InterruptedException e) {
                    System.err.println("netmark-shim training: cannot delete " + dir + ": " + e);
                  }
                }));
    long deadline = System.currentTimeMillis() + PORT_WAIT_MS;
    while (!(Files.exists(socket) && get(port, "/healthz").startsWith("HTTP/1.1 200"))) {
      if (!shim.isAlive() || System.currentTimeMillis() > deadline) {
        System.err.println("netmark-shim training: the shim did not start");
        return 1;
      }
      Thread.sleep(20);
    }
    if (!api.awaitWatched(PORT_WAIT_MS)) {
      System.err.println("netmark-shim training: the shim did not watch its ConfigMap");
      return 1;
    }
    criVersion(socket);
    for (String path : List.of("/metrics", "/records?cursor=0", "/healthz")) {
      get(port, path);
    }
    return 0; // System.exit runs ShimMain's shutdown hook, which closes the shim
  }

  // The probe targets' ConfigMap, as the engine publishes it.
  private static String configMap() {
    ObjectNode cm = new ObjectNode();
    cm.put("apiVersion", "v1").put("kind", "ConfigMap");
    cm.putObject("metadata")
        .put("name", ProbeTargets.CONFIGMAP_NAME)
        .put("namespace", ProbeTargets.NAMESPACE)
        .put("resourceVersion", "1");
    cm.putObject("data").put(ProbeTargets.CONFIGMAP_KEY, TARGETS);
    return cm.toString();
  }

  private static void criVersion(Path socket) throws InterruptedException {
    EpollEventLoopGroup loop = new EpollEventLoopGroup(1);
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
            .channelType(EpollDomainSocketChannel.class)
            .eventLoopGroup(loop)
            .overrideAuthority("localhost")
            .usePlaintext()
            .build();
    try {
      RuntimeServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .version(VersionRequest.getDefaultInstance());
    } catch (StatusRuntimeException expected) {
      // Nobody listens upstream: UNAVAILABLE, after the shim's relay code has run.
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
  }

  // A bare HTTP/1.1 GET: the shim's server side is what is trained, not a client library.
  private static String get(int port, String path) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return ""; // not listening yet
    }
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String[] append(String[] a, String b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + 1);
    r[a.length] = b;
    return r;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
