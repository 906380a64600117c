package dev.netmark.shim.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real namespaces: created natively, visible to ip(8), entered by threads and their children. */
class NetnsIT {
  private static final String NS = "nmcni-t1";
  private static final String ADDR = "10.201.50.1";
  private final NetNamespaces netns = new NetNamespaces();

  @AfterEach
  void cleanUp() {
    netns.delete(NS);
  }

  @Test
  void createListDeleteLikeIpNetns() {
    Path path = netns.create(NS);
    assertThat(path).isEqualTo(Path.of("/run/netns", NS));
    assertThat(netns.exists(NS)).isTrue();
    assertThat(netns.list()).contains(NS);
    assertThat(run("ip", "netns", "list")).contains(NS);
    // A new namespace has only a loopback, down.
    assertThat(run("ip", "-n", NS, "-o", "link", "show").lines().toList())
        .singleElement()
        .satisfies(l -> assertThat(l).contains("lo:").contains("DOWN"));
    assertThatThrownBy(() -> netns.create(NS))
        .isInstanceOf(NetnsException.class)
        .hasMessageContaining("already exists");
    netns.delete(NS);
    assertThat(netns.exists(NS)).isFalse();
    assertThat(run("ip", "netns", "list")).doesNotContain(NS);
    netns.delete(NS); // idempotent
  }

  @Test
  void namesAreValidated() {
    assertThatThrownBy(() -> netns.create("../etc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid network namespace name ../etc");
    assertThatThrownBy(() -> netns.path("a/b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void socketsAndChildrenOfAMovedThreadLiveInTheNamespace() throws Exception {
    Path path = withAddress();
    // The address exists only in the namespace: binding it proves where the socket lives.
    assertThatThrownBy(() -> bind()).isInstanceOf(IOException.class);
    try (ServerSocket server = NetnsThreads.call(path, NetnsIT::bind)) {
      boolean reachable =
          NetnsThreads.call(path, () -> InetAddress.ofLiteral(ADDR).isReachable(1000));
      assertThat(reachable).isTrue();
      // The socket stays in the namespace when used from this (host) thread.
      try (Socket client = NetnsThreads.call(path, () -> new Socket(ADDR, server.getLocalPort()))) {
        assertThat(server.accept().getInetAddress().getHostAddress()).isEqualTo(ADDR);
        assertThat(client.isConnected()).isTrue();
      }
    }
    String childView = NetnsThreads.call(path, () -> run("ip", "-o", "addr", "show", "dev", "lo"));
    assertThat(childView).contains("inet " + ADDR + "/24");
    assertThat(run("ip", "-o", "addr", "show", "dev", "lo")).doesNotContain(ADDR);
  }

  @Test
  void executorThreadsAllRunInTheNamespace() throws Exception {
    Path path = withAddress();
    ExecutorService pool = NetnsThreads.executorIn(path, 3);
    try {
      List<Future<Path>> results = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        results.add(
            pool.submit(
                () -> {
                  try (ServerSocket s = bind()) {
                    assertThat(s.getLocalPort()).isPositive();
                    return NetnsThreads.current();
                  }
                }));
      }
      for (Future<Path> r : results) {
        assertThat(r.get()).isEqualTo(path);
      }
      AtomicReference<Path> seen = new AtomicReference<>();
      pool.execute(() -> seen.set(NetnsThreads.current()));
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      assertThat(seen.get()).isEqualTo(path);
    } finally {
      pool.shutdownNow();
    }
    assertThat(NetnsThreads.current()).isNull();
  }

  @Test
  void missingNamespaceAndVirtualThreadsAreRefused() throws Exception {
    Path missing = Path.of("/run/netns/nmcni-missing");
    assertThatThrownBy(() -> NetnsThreads.call(missing, () -> 1))
        .isInstanceOf(NetnsException.class)
        .hasMessageContaining("open(/run/netns/nmcni-missing) failed: No such file or directory");
    assertThatThrownBy(() -> NetnsThreads.executorIn(missing, 1))
        .isInstanceOf(NetnsException.class);
    Path path = netns.create(NS);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                NetnsThreads.enter(path);
              } catch (Throwable t) {
                failure.set(t);
              }
            })
        .join();
    assertThat(failure.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("virtual thread");
  }

  private Path withAddress() {
    Path path = netns.create(NS);
    run("ip", "-n", NS, "link", "set", "lo", "up");
    run("ip", "-n", NS, "addr", "add", ADDR + "/24", "dev", "lo");
    return path;
  }

  private static ServerSocket bind() throws IOException {
    ServerSocket s = new ServerSocket();
    try {
      s.bind(new InetSocketAddress(InetAddress.ofLiteral(ADDR), 0));
      return s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + ": " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
