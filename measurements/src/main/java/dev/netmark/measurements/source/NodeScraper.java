package dev.netmark.measurements.source;

import dev.netmark.api.MetricSource.Coverage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one read per node in parallel, at most {@code parallelism} at a time, each bounded by a
 * timeout, and reports the nodes that failed by name instead of failing the whole read.
 */
final class NodeScraper {
  /** One node's read. */
  @FunctionalInterface
  interface NodeRead<T> {
    T read(String node) throws Exception;
  }

  /** Per-node results and the coverage of the read. */
  record Result<T>(Map<String, T> byNode, Coverage coverage) {}

  private final int parallelism;
  private final Duration timeout;

  NodeScraper(int parallelism, Duration timeout) {
    this.parallelism = parallelism;
    this.timeout = timeout;
  }

  <T> Result<T> readAll(List<String> nodes, NodeRead<T> read) throws InterruptedException {
    Semaphore permits = new Semaphore(parallelism);
    Map<String, Future<T>> futures = new LinkedHashMap<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String node : nodes) {
        futures.put(
            node,
            pool.submit(
                () -> {
                  permits.acquire();
                  try {
                    return read.read(node);
                  } finally {
                    permits.release();
                  }
                }));
      }
      return collect(futures, nodes.size());
    }
  }

  private <T> Result<T> collect(Map<String, Future<T>> futures, int asked)
      throws InterruptedException {
    Map<String, T> results = new LinkedHashMap<>();
    Map<String, String> failed = new LinkedHashMap<>();
    long deadline = System.nanoTime() + timeout.toNanos() * ((asked / parallelism) + 1);
    List<String> names = new ArrayList<>(futures.keySet());
    for (String node : names) {
      Future<T> future = futures.get(node);
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        results.put(node, future.get(left, TimeUnit.NANOSECONDS));
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        failed.put(node, cause.getClass().getSimpleName() + message);
      } catch (TimeoutException e) {
        future.cancel(true);
        failed.put(node, "no answer within " + timeout.toMillis() + " ms");
      }
    }
    return new Result<>(results, new Coverage(asked, failed));
  }
}
