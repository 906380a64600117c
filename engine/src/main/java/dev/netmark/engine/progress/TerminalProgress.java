package dev.netmark.engine.progress;

import dev.netmark.engine.tuningset.Ticker;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * One status line for all running tasks every {@code periodMillis}: on a terminal redrawn in place,
 * elsewhere (a file, a pipe, CI) printed as a plain line with no control characters. A task's final
 * state is printed once when it closes.
 */
public final class TerminalProgress implements Progress {
  private static final String CLEAR_LINE = "\r\033[2K";

  private final PrintWriter out;
  private final Ticker ticker;
  private final long periodMillis;
  private final String lineStart;
  private final String lineEnd;
  private final Set<RunningTask> tasks = ConcurrentHashMap.newKeySet();
  private Thread drawer;

  /**
   * @param terminal whether {@code out} is a terminal: redraw one line in place, else print plain
   *     lines
   */
  public TerminalProgress(PrintWriter out, Ticker ticker, long periodMillis, boolean terminal) {
    this.out = out;
    this.ticker = ticker;
    this.periodMillis = periodMillis;
    this.lineStart = terminal ? CLEAR_LINE : "";
    this.lineEnd = terminal ? "" : "\n";
  }

  @Override
  public Task start(String label, long target, String unit) {
    RunningTask task = new RunningTask(label, target, unit, ticker.nanoTime());
    tasks.add(task);
    ensureDrawer();
    return task;
  }

  /** The status line for the running tasks at {@code now}, without terminal control codes. */
  public String line(long now) {
    return tasks.stream().map(t -> t.describe(now)).sorted().collect(Collectors.joining(" | "));
  }

  private synchronized void ensureDrawer() {
    if (drawer != null && drawer.isAlive()) {
      return;
    }
    drawer = Thread.ofVirtual().name("netmark-progress").start(this::drawWhileRunning);
  }

  private void drawWhileRunning() {
    try {
      while (!tasks.isEmpty()) {
        Thread.sleep(periodMillis);
        String line = line(ticker.nanoTime());
        if (!line.isEmpty()) {
          synchronized (out) {
            out.print(lineStart + line + lineEnd);
            out.flush();
          }
        }
      }
    } catch (InterruptedException e) {
      // Nobody interrupts this thread but a shutting-down JVM; stop drawing then.
      Thread.currentThread().interrupt();
    }
  }

  private final class RunningTask implements Task {
    private final String label;
    private final long target;
    private final String unit;
    private final long started;
    private final AtomicLong done = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    RunningTask(String label, long target, String unit, long started) {
      this.label = label;
      this.target = target;
      this.unit = unit;
      this.started = started;
    }

    @Override
    public void advance(long n) {
      done.addAndGet(n);
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        tasks.remove(this);
        synchronized (out) {
          out.print(lineStart + describe(ticker.nanoTime()) + "\n");
          out.flush();
        }
      }
    }

    String describe(long now) {
      long d = done.get();
      double seconds = (now - started) / 1e9;
      String rate = seconds > 0 ? String.format(Locale.ROOT, ", %.1f/s", d / seconds) : "";
      String of = target > 0 ? "/" + target : "";
      return String.format(
          Locale.ROOT, "%s: %d%s %s%s, %.0fs elapsed", label, d, of, unit, rate, seconds);
    }
  }
}
