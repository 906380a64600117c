package dev.netmark.shim.probe;

import dev.netmark.shim.netns.NetnsHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server in a namespace that accepts at once (the kernel completes every handshake) but
 * holds every answer until a given time after its start, as a server in a paused process does; it
 * then answers in the order it accepted, 100 ms apart, so which answer is read first is known. One
 * connection, by its number, may be answered 503 instead of 200.
 */
final class HeldHttpServer implements AutoCloseable {
  private final ServerSocketChannel channel;
  private final long releaseNanos;
  private final int failing;
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread acceptor;

  private HeldHttpServer(ServerSocketChannel channel, long releaseNanos, int failing) {
    this.channel = channel;
    this.releaseNanos = releaseNanos;
    this.failing = failing;
    this.acceptor = Thread.ofPlatform().daemon().name("held-http").start(this::accept);
  }

  /** Listens on {@code ip:port} in {@code netns}; answers nothing before {@code holdMs}. */
  static HeldHttpServer start(Path netns, String ip, int port, long holdMs) {
    return start(netns, ip, port, holdMs, -1);
  }

  /** The same, answering connection number {@code failing} (from 0) with 503. */
  static HeldHttpServer start(Path netns, String ip, int port, long holdMs, int failing) {
    ServerSocketChannel[] opened = new ServerSocketChannel[1];
    try (NetnsHandle ns = NetnsHandle.open(netns)) {
      ns.call(
          () -> {
            try {
              opened[0] = ServerSocketChannel.open().bind(new InetSocketAddress(ip, port), 64);
              return 0;
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    return new HeldHttpServer(opened[0], System.nanoTime() + holdMs * 1_000_000L, failing);
  }

  /** Connections accepted so far. */
  int connections() {
    return connections.get();
  }

  private void accept() {
    while (channel.isOpen()) {
      try {
        SocketChannel c = channel.accept();
        int n = connections.getAndIncrement();
        long at = releaseNanos + (n * 100_000_000L);
        String status = n == failing ? "503 Service Unavailable" : "200 OK";
        Thread.ofVirtual().start(() -> answerAt(c, at, status));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static void answerAt(SocketChannel c, long at, String status) {
    try (c) {
      long wait = at - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      c.write(
          ByteBuffer.wrap(
              ("HTTP/1.0 " + status + "\r\nContent-Length: 2\r\n\r\nok")
                  .getBytes(StandardCharsets.US_ASCII)));
    } catch (IOException | InterruptedException e) {
      // The prober closed its side; nothing to answer.
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
    try {
      acceptor.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
