package dev.netmark.engine.progress;

import dev.netmark.engine.tuningset.Ticker;
import java.io.Console;

/**
 * Where long-running work reports how far it got: objects created out of the target, pods ready,
 * and the achieved rate. On a terminal one status line is redrawn; otherwise nothing is printed.
 * Thread-safe.
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

  /** One piece of work in progress; {@link #close} prints its final state once. */
  interface Task extends AutoCloseable {
    /** Counts {@code n} more units done. */
    void advance(long n);

    @Override
    void close();
  }

  /** Prints nothing. */
  static Progress silent() {
    return (label, target, unit) ->
        new Task() {
          @Override
          public void advance(long n) {}

          @Override
          public void close() {}
        };
  }

  /**
   * A status line on standard output when it is a terminal, {@link #silent()} when output goes to a
   * file or pipe (where redrawn lines would be noise).
   */
  static Progress auto() {
    Console console = System.console();
    return console != null && console.isTerminal()
        ? new TerminalProgress(System.out, Ticker.system(), 500)
        : silent();
  }
}
