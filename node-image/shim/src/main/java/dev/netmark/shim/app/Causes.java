package dev.netmark.shim.app;

import dev.netmark.shim.probe.SocketCalls;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The error cause of a failed request ({@code RequestStats.CAUSES}) from a socket's errno. */
final class Causes {
  private static final Logger LOG = LoggerFactory.getLogger(Causes.class);

  /** The errnos already logged: "unreachable" covers many, and the log says which, once each. */
  private static final Set<Integer> LOGGED = ConcurrentHashMap.newKeySet();

  private Causes() {}

  /** The cause for a positive errno from connect, send, receive or epoll_ctl. */
  static String of(int errno) {
    int e = Math.abs(errno);
    return switch (e) {
      case SocketCalls.ECONNREFUSED -> "refused";
      case SocketCalls.ECONNRESET, SocketCalls.EPIPE -> "reset";
      case SocketCalls.ETIMEDOUT -> "timeout";
      // no route, link down, and whatever else keeps a packet from leaving
      default -> {
        // Named only the first time: a dead network fails every request the same way.
        if (LOGGED.add(e)) {
          LOG.warn(
              "a request failed with errno {} ({}): counted as 'unreachable' (logged once)",
              e,
              AppLoop.strerror(e));
        }
        yield "unreachable";
      }
    };
  }
}
