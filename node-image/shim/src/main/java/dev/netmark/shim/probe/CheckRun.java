package dev.netmark.shim.probe;

import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;

/**
 * One check of one pod on the {@link EventLoop}: a new attempt every interval from its start until
 * enough attempts were answered or its deadline passed. An answer counts whenever it is read, and
 * the check is dated by the send time of the attempts that were answered (docs/design.md,
 * "Readiness probes"), so a late read never moves the number.
 *
 * <p>How far apart its attempts go is {@link AttemptPacing}'s: the policy's interval while the
 * check is young, then wider as it waits and as more checks of the shim wait with it.
 */
abstract class CheckRun {
  final PodRun pod;
  final String cls;
  final Check check;
  private final long intervalNanos;
  private final long timeoutMs;
  private long started;
  // Whether the check counts in the loop's pacing (from its start to its end).
  private boolean paced;
  private long deadline;
  private long due;
  private EventLoop.Timer timer;
  private int attempts;
  private int answers;
  private long sendNanos;
  private long arrivalNanos;
  private long readNanos;
  private String lastFailure = "no attempt was made";
  private boolean done;
  // Per attempt: when its turn ran and when it was due (the schedule's time), for the record.
  private long[] attemptStarts = new long[8];
  private long[] attemptDues = new long[8];
  private int answeredAttempt;
  // The numbers (from 1) of the attempts an answer dated: a confirming GET dates its prover's.
  private final BitSet answeredNumbers = new BitSet();

  CheckRun(PodRun pod, String cls, Check check, long intervalMs, long timeoutMs) {
    this.pod = pod;
    this.cls = cls;
    this.check = check;
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
    this.timeoutMs = timeoutMs;
  }

  /** Sends the first attempt now; the deadline counts from here. */
  final void start(long now) {
    started = now;
    pod.loop().pacing.started();
    paced = true;
    deadline = now + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    due = now;
    tick();
  }

  private void tick() {
    timer = null;
    if (done) {
      return;
    }
    long now = System.nanoTime();
    if (now - deadline >= 0) {
      fail(
          check.describe()
              + " did not succeed within "
              + timeoutMs
              + " ms ("
              + attempts
              + " attempts); last failure: "
              + lastFailure);
      return;
    }
    tryAttempt(now, due);
    // Late turns send one attempt, not a burst to catch up.
    due = Math.max(due + pod.loop().pacing.intervalAfter(intervalNanos, due - started), now);
    timer = pod.loop().at(Math.min(due, deadline), this::tick);
  }

  private void tryAttempt(long now, long dueAt) {
    if (!mayAttempt()) {
      return;
    }
    if (attempts == attemptStarts.length) {
      attemptStarts = Arrays.copyOf(attemptStarts, attempts * 2);
      attemptDues = Arrays.copyOf(attemptDues, attempts * 2);
    }
    attemptStarts[attempts] = now;
    attemptDues[attempts] = dueAt;
    attempts++;
    attempt(now);
  }

  /** Whether a new attempt may go out now (an HTTP check waits on a proven connection). */
  boolean mayAttempt() {
    return true;
  }

  /**
   * Makes what the first attempt needs (sockets) ahead of {@link #start}, sending nothing.
   *
   * @throws ProbeSetupException when it cannot; the first attempt then tries again
   */
  void prepare() {}

  /** Sends one attempt; failures to send go to {@link #failedAttempt}. */
  abstract void attempt(long now);

  /** Releases what the check holds (sockets, pending attempts). */
  abstract void release();

  /** An attempt did not work, for the failure message if the check never succeeds. */
  final void failedAttempt(String why) {
    lastFailure = why;
  }

  /**
   * An attempt was answered.
   *
   * @param sent when the attempt was sent
   * @param arrival when the answer reached the kernel (or was read, without a kernel timestamp)
   * @param read when the loop read it
   */
  final void answered(long sent, long arrival, long read) {
    if (done) {
      return;
    }
    answers++;
    // A kernel stamp outside [sent, read] is not to be trusted (TCP may carry a sender's time).
    arrival = Math.min(Math.max(arrival, sent), read);
    int number = attemptOf(sent);
    answeredNumbers.set(number);
    if (sendNanos == 0 || sent - sendNanos >= 0) {
      answeredAttempt = number;
    }
    sendNanos = Math.max(sendNanos == 0 ? sent : sendNanos, sent);
    arrivalNanos = Math.max(arrivalNanos == 0 ? arrival : arrivalNanos, arrival);
    readNanos = Math.max(readNanos == 0 ? read : readNanos, read);
    if (answers >= check.successesNeeded()) {
      finish();
      pod.succeeded(this, sendNanos, arrivalNanos, readNanos);
    } else if (mayAttempt()) {
      long now = System.nanoTime();
      tryAttempt(now, now); // more answers needed: no reason to wait for the next tick
    }
  }

  private void fail(String detail) {
    finish();
    pod.failed(this, detail);
  }

  /** Stops the check without a result (the pod was cancelled or settled). */
  final void stop() {
    if (!done) {
      finish();
    }
  }

  final boolean done() {
    return done;
  }

  /** Answers still needed before the check succeeds. */
  final int answersMissing() {
    return check.successesNeeded() - answers;
  }

  /** Sends one more attempt now, outside the interval (the path was just proven). */
  final void attemptNow() {
    if (!done) {
      long now = System.nanoTime();
      tryAttempt(now, now);
    }
  }

  /** The number (from 1) of the attempt sent at {@code sent}: the last whose turn began by then. */
  private int attemptOf(long sent) {
    int n = 0;
    while (n < attempts && attemptStarts[n] - sent <= 0) {
      n++;
    }
    return Math.max(n, 1);
  }

  /** How many attempts before the one that dates the check were not answered. */
  final int unansweredBefore() {
    return answeredAttempt == 0
        ? 0
        : answeredAttempt - answeredNumbers.get(1, answeredAttempt + 1).cardinality();
  }

  /** When the first attempt's turn ran ({@link System#nanoTime()}). */
  final long firstAttemptNanos() {
    return attemptStarts[0];
  }

  /** How long after it was due the answered attempt was sent (ns; the loop's own delay). */
  final long answeredLateNanos() {
    return answeredAttempt == 0 ? 0 : Math.max(0, sendNanos - attemptDues[answeredAttempt - 1]);
  }

  private void finish() {
    done = true;
    if (paced) {
      paced = false;
      pod.loop().pacing.ended();
    }
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    release();
  }
}
