package dev.netmark.engine.progress;

import dev.netmark.engine.clock.Ticker;
import java.io.Console;
import java.io.PrintWriter;

/**
 * Where long-running work reports how far it got: objects created out of the target, pods ready,
 * the achieved rate and the time elapsed. On a terminal one status line is redrawn; otherwise plain
 * lines are printed now and then. Thread-safe.
 */
public interface Progress {

  /**
   * Starts reporting one piece of work.
   *
   * @param label e.g. {@code createPods phases[0]}
   * @param target how many units make it complete, 0 when unknown
   * @param unit e.g. {@code objects}, {@code pods ready}
   */
  Task start(String label, long target, String unit);

  /**
   * Starts reporting the pods a step waits for, stage by stage, with the rate at which they became
   * network-ready since this call.
   *
   * @param label e.g. {@code steps[3].waitForNetworkReady}
   */
  PodTask startPods(String label);

  /** One piece of work in progress; {@link #close} prints its final state once. */
  interface Task extends AutoCloseable {
    /** Counts {@code n} more units done. */
    void advance(long n);

    @Override
    void close();
  }

  /** The pods of a step in progress; {@link #close} prints the final state once. */
  interface PodTask extends AutoCloseable {
    /** The latest counts, replacing the earlier ones. */
    void update(PodCounts counts);

    @Override
    void close();
  }

  /** Prints nothing. */
  static Progress silent() {
    return new Progress() {
      @Override
      public Task start(String label, long target, String unit) {
        return new Task() {
          @Override
          public void advance(long n) {}

          @Override
          public void close() {}
        };
      }

      @Override
      public PodTask startPods(String label) {
        return new PodTask() {
          @Override
          public void update(PodCounts counts) {}

          @Override
          public void close() {}
        };
      }
    };
  }

  /** {@link #on} standard output. */
  static Progress auto() {
    return on(new PrintWriter(System.out, true), isTerminal());
  }

  /**
   * A status line on {@code out}: redrawn twice a second on a terminal, else (a file, a pipe, CI) a
   * plain line every 5 s when a count changed, with no control characters.
   */
  static Progress on(PrintWriter out, boolean terminal) {
    return new TerminalProgress(out, Ticker.system(), terminal ? 500 : 5000, terminal);
  }

  /** Whether standard output is a terminal. */
  static boolean isTerminal() {
    Console console = System.console();
    return console != null && console.isTerminal();
  }
}
