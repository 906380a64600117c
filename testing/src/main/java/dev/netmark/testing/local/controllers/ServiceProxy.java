package dev.netmark.testing.local.controllers;

import java.util.List;
import java.util.Map;

/** Where kube-proxy's work lands: TCP to {@code vip:port} goes to one of its endpoints. */
@FunctionalInterface
public interface ServiceProxy {
  /**
   * Programs every service port into every node at once, replacing what was there: a port missing
   * from {@code services}, or with no endpoints, is removed. Returns once every node holds the
   * rules.
   *
   * @param services the ready endpoints ({@code ip:port}) by {@code vip:port}
   */
  void program(Map<String, List<String>> services) throws InterruptedException;
}
