package dev.netmark.shim.app;

import dev.netmark.shim.probe.SocketCalls;

/** The error cause of a failed request ({@code RequestStats.CAUSES}) from a socket's errno. */
final class Causes {
  private Causes() {}

  /** The cause for a positive errno from connect, send or receive. */
  static String of(int errno) {
    return switch (Math.abs(errno)) {
      case SocketCalls.ECONNREFUSED -> "refused";
      case SocketCalls.ECONNRESET, SocketCalls.EPIPE -> "reset";
      case SocketCalls.ETIMEDOUT -> "timeout";
      // no route, link down, and whatever else keeps a packet from leaving
      default -> "unreachable";
    };
  }
}
