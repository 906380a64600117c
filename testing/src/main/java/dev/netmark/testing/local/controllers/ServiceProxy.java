package dev.netmark.testing.local.controllers;

import java.util.List;

/** Where kube-proxy's work lands: TCP to {@code vip:port} goes to one of {@code endpoints}. */
@FunctionalInterface
public interface ServiceProxy {
  /**
   * Programs (or, with no endpoints, removes) one service port in every node.
   *
   * @param endpoints {@code ip:port} of the ready endpoints
   */
  void publish(String vip, int port, List<String> endpoints) throws InterruptedException;
}
