package dev.netmark.engine.kube;

import java.util.concurrent.ConcurrentHashMap;

/** Shares equal strings (namespaces, node names) so that many pods hold one copy. */
final class Interner {
  private final ConcurrentHashMap<String, String> strings = new ConcurrentHashMap<>();

  String intern(String s) {
    return s == null ? null : strings.computeIfAbsent(s, k -> k);
  }
}
