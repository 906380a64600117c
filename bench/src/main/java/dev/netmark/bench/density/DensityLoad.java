package dev.netmark.bench.density;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code probe-density} runs back to back on a thread of their own, as load for another benchmark
 * ({@code accuracy} under load). {@link #close} lets the run under way finish: killing it would
 * leave its namespaces behind.
 */
public final class DensityLoad implements AutoCloseable {
  private final Thread thread;
  private volatile boolean stop;
  private volatile Exception failure;
  private int runs;

  private DensityLoad(Path root, Path workDir, int nodes, int podsPerNode) {
    thread =
        Thread.ofPlatform()
            .name("density-load")
            .start(
                () -> {
                  try {
                    while (!stop) {
                      Path dir = Files.createDirectories(workDir.resolve("load-" + runs));
                      new DensityRun(root, dir, DensityNetwork.PROBE_DENSITY)
                          .networkReady(nodes, podsPerNode, 10);
                      runs++;
                    }
                  } catch (IOException | RuntimeException e) {
                    failure = e;
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
  }

  /** Starts density runs of {@code nodes} x {@code podsPerNode} pods until closed. */
  public static DensityLoad start(Path root, Path workDir, int nodes, int podsPerNode) {
    return new DensityLoad(root, workDir, nodes, podsPerNode);
  }

  /**
   * Waits for the run under way to end.
   *
   * @return how many runs completed
   * @throws IllegalStateException when a run failed: the load was not what it claims
   */
  public int finish() throws InterruptedException {
    stop = true;
    thread.join();
    if (failure != null) {
      throw new IllegalStateException("the density load failed: " + failure.getMessage(), failure);
    }
    return runs;
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.join();
  }
}
