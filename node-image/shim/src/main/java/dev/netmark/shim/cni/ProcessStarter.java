package dev.netmark.shim.cni;

import dev.netmark.shim.netns.NetnsThreads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/** Starts plugin processes, optionally from a thread inside another network namespace. */
interface ProcessStarter extends AutoCloseable {
  PluginProcess start(Path binary, List<String> env) throws IOException;

  @Override
  default void close() {}

  /** Starts processes in the caller's own namespace. */
  static ProcessStarter direct() {
    return PluginProcess::spawn;
  }

  /**
   * Starts processes from threads that entered {@code netns}: a child inherits the namespace of the
   * thread that spawns it.
   */
  static ProcessStarter in(Path netns) {
    ExecutorService threads = NetnsThreads.executorIn(netns, 4);
    return new ProcessStarter() {
      @Override
      public PluginProcess start(Path binary, List<String> env) throws IOException {
        try {
          return threads.submit(() -> PluginProcess.spawn(binary, env)).get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          throw new IOException("cannot start a process in " + netns + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while starting a process in " + netns, e);
        }
      }

      @Override
      public void close() {
        threads.shutdown();
      }
    };
  }
}
