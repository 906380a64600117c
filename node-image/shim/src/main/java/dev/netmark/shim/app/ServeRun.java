package dev.netmark.shim.app;

import dev.netmark.shim.netns.NetnsException;
import dev.netmark.shim.netns.NetnsHandle;
import dev.netmark.shim.probe.EventLoop;
import dev.netmark.shim.probe.SockAddr;
import dev.netmark.shim.probe.SocketCalls;
import dev.netmark.shim.probe.SocketOptions;
import java.lang.foreign.Arena;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * One {@code netmark-serve} container: a listening socket in the pod's namespace and its
 * connections, from StartContainer (the ADD has succeeded) until the container or pod stops. Writes
 * the pod's SERVICE_READY once: network-ready to the arrival of the first request whose client says
 * it came through the Service VIP. Loop thread only.
 */
final class ServeRun implements EventLoop.Handler {
  private final AppContext ctx;
  private final AppRun run;
  private final ServeCommand command;
  private final Set<ServerConn> conns = Collections.newSetFromMap(new IdentityHashMap<>());
  private NetnsHandle netns;
  private int fd = -1;
  private long readyNanos;
  private long firstViaServiceNanos;
  private boolean recorded;
  private boolean closed;

  ServeRun(AppContext ctx, AppRun run, ServeCommand command) {
    this.ctx = ctx;
    this.run = run;
    this.command = command;
  }

  /** Listens on the port in the pod's namespace; a failure ends the container with the reason. */
  void start() {
    if (closed) {
      return;
    }
    AppRequest req = run.request();
    boolean v6 = req.podIp() != null && req.podIp().contains(":");
    try {
      netns = NetnsHandle.open(req.netns());
      SocketCalls.Errno e = ctx.io().errno();
      int s =
          netns.call(
              () ->
                  SocketCalls.socket(
                      e,
                      v6 ? SocketCalls.AF_INET6 : SocketCalls.AF_INET,
                      SocketCalls.SOCK_STREAM
                          | SocketCalls.SOCK_NONBLOCK
                          | SocketCalls.SOCK_CLOEXEC,
                      SocketCalls.IPPROTO_TCP));
      if (s < 0) {
        fail("socket: " + AppLoop.strerror(s));
        return;
      }
      fd = s;
      int rc;
      try (Arena a = Arena.ofConfined()) {
        SocketOptions.setInt(e, fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_REUSEADDR, 1, a);
        SocketOptions.timestamps(e, fd, a);
        InetAddress any = InetAddress.ofLiteral(v6 ? "::" : "0.0.0.0");
        rc = SocketCalls.bind(e, fd, SockAddr.of(a, any, command.port()));
      }
      if (rc == 0) {
        rc = SocketCalls.listen(e, fd, 4096);
      }
      if (rc == 0) {
        rc = ctx.io().loop().register(fd, SocketCalls.EPOLLIN, this);
      }
      if (rc < 0) {
        fail("listening on port " + command.port() + ": " + AppLoop.strerror(rc));
      }
    } catch (NetnsException e) {
      fail("cannot serve in the pod's namespace: " + e.getMessage());
    }
  }

  /** The pod became network-ready at {@code nanos}; service-ready counts from here. */
  void networkReady(long nanos) {
    readyNanos = nanos;
    recordIfKnown();
  }

  /** A request that came through the Service VIP arrived at {@code arrivalNanos}. */
  void viaService(long arrivalNanos) {
    if (firstViaServiceNanos == 0) {
      firstViaServiceNanos = arrivalNanos;
      recordIfKnown();
    }
  }

  private void recordIfKnown() {
    if (recorded || readyNanos == 0 || firstViaServiceNanos == 0) {
      return;
    }
    recorded = true;
    // A VIP can route to the pod before its own probes finish: that pod was service-ready at once.
    Duration d = Duration.ofNanos(Math.max(0, firstViaServiceNanos - readyNanos));
    AppRequest req = run.request();
    ctx.write(
        () -> ctx.recorder().serviceReady(req.pod(), req.podIp(), req.attempt(), req.tier(), d));
  }

  @Override
  public void ready(int events) {
    while (!closed) {
      int c = SocketCalls.accept(ctx.io().errno(), fd);
      if (c < 0) {
        return; // EAGAIN: the queue is empty; anything else: the next readiness retries
      }
      ServerConn conn = new ServerConn(this, c, command);
      if (ctx.io().loop().register(c, SocketCalls.EPOLLIN, conn) < 0) {
        SocketCalls.close(ctx.io().errno(), c);
      } else {
        conns.add(conn);
      }
    }
  }

  AppLoop io() {
    return ctx.io();
  }

  void closed(ServerConn conn) {
    conns.remove(conn);
  }

  private void fail(String reason) {
    stop();
    run.exited(1, reason);
  }

  /** Closes the listener and every connection. */
  void stop() {
    if (closed) {
      return;
    }
    closed = true;
    for (ServerConn c : List.copyOf(conns)) {
      c.close();
    }
    if (fd >= 0) {
      ctx.io().loop().closeFd(fd);
    }
    if (netns != null) {
      netns.close();
    }
  }
}
