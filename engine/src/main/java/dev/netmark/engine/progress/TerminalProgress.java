package dev.netmark.engine.progress;

import static java.util.stream.Collectors.joining;

import dev.netmark.engine.clock.Ticker;
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
  private final boolean terminal;
  private final Set<Shown> tasks = ConcurrentHashMap.newKeySet();
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
    this.terminal = terminal;
  }

  @Override
  public Task start(String label, long target, String unit) {
    return show(new RunningTask(label, target, unit, ticker.nanoTime()));
  }

  @Override
  public PodTask startPods(String label) {
    return show(new PodLine(label, ticker.nanoTime()));
  }

  private <T extends Shown> T show(T task) {
    tasks.add(task);
    ensureDrawer();
    return task;
  }

  /** The status line for the running tasks at {@code now}, without terminal control codes. */
  public String line(long now) {
    return tasks.stream()
        .filter(Shown::known)
        .map(t -> t.describe(now))
        .sorted()
        .collect(Collectors.joining(" | "));
  }

  private synchronized void ensureDrawer() {
    if (drawer != null && drawer.isAlive()) {
      return;
    }
    drawer = Thread.ofVirtual().name("netmark-progress").start(this::drawWhileRunning);
  }

  private void drawWhileRunning() {
    String lastCounts = "";
    try {
      while (!tasks.isEmpty()) {
        Thread.sleep(periodMillis);
        // Off a terminal every line stays: one that only says more time went by is left out.
        String counts =
            tasks.stream()
                .filter(Shown::known)
                .map(Shown::labelledCounts)
                .sorted()
                .collect(joining());
        if (!terminal && counts.equals(lastCounts)) {
          continue;
        }
        lastCounts = counts;
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

  /** One line of the status: a label, what was done, the time since it started. */
  private abstract class Shown {
    private final String label;
    private final long started;
    private final AtomicBoolean closed = new AtomicBoolean();

    Shown(String label, long started) {
      this.label = label;
      this.started = started;
    }

    /** What was done: {@code 250/1000 objects}. */
    abstract String counts();

    /** How many units the rate counts. */
    abstract long rated();

    /** Whether there is anything to show yet. */
    boolean known() {
      return true;
    }

    final String labelledCounts() {
      return label + ": " + counts() + "\n";
    }

    public void close() {
      if (closed.compareAndSet(false, true)) {
        tasks.remove(this);
        if (!known()) {
          return;
        }
        synchronized (out) {
          out.print(lineStart + describe(ticker.nanoTime()) + "\n");
          out.flush();
        }
      }
    }

    final String describe(long now) {
      double seconds = (now - started) / 1e9;
      String rate = seconds > 0 ? String.format(Locale.ROOT, ", %.1f/s", rated() / seconds) : "";
      return String.format(Locale.ROOT, "%s: %s%s, %.0fs elapsed", label, counts(), rate, seconds);
    }
  }

  private final class RunningTask extends Shown implements Task {
    private final long target;
    private final String unit;
    private final AtomicLong done = new AtomicLong();

    RunningTask(String label, long target, String unit, long started) {
      super(label, started);
      this.target = target;
      this.unit = unit;
    }

    @Override
    public void advance(long n) {
      done.addAndGet(n);
    }

    @Override
    String counts() {
      return done.get() + (target > 0 ? "/" + target : "") + " " + unit;
    }

    @Override
    long rated() {
      return done.get();
    }
  }

  /**
   * The pods of a step by stage; the rate counts the pods that became network-ready after the first
   * update (those ready before the step began are not its work).
   */
  private final class PodLine extends Shown implements PodTask {
    private volatile PodCounts counts;
    private volatile long readyAtFirstUpdate = -1;

    PodLine(String label, long started) {
      super(label, started);
    }

    @Override
    public void update(PodCounts latest) {
      if (readyAtFirstUpdate < 0) {
        readyAtFirstUpdate = latest.networkReady();
      }
      counts = latest;
    }

    /** Not before the first update: "0 pods" would be false while the first read runs. */
    @Override
    boolean known() {
      return counts != null;
    }

    @Override
    String counts() {
      return counts.describe();
    }

    @Override
    long rated() {
      return counts.networkReady() - Math.max(0, readyAtFirstUpdate);
    }
  }
}
