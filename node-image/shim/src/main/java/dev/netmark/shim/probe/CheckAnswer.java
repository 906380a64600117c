package dev.netmark.shim.probe;

/**
 * How a check was answered, times on the {@link System#nanoTime()} scale (docs/design.md, "What is
 * measured").
 *
 * @param sent the send time of the answered attempts (the latest of them): the check's number
 * @param arrival when the answer reached the pod's namespace
 * @param read when the loop read it
 * @param firstAttempt when the check's first attempt went out
 * @param unanswered how many attempts before the one that dates the check were not answered
 * @param lateNanos how long after its schedule that attempt was sent (the loop's own delay)
 */
record CheckAnswer(
    long sent, long arrival, long read, long firstAttempt, int unanswered, long lateNanos) {
  /** Answered on its first attempt, sent when due (tests). */
  static CheckAnswer at(long sent, long arrival, long read) {
    return new CheckAnswer(sent, arrival, read, sent, 0, 0);
  }

  /**
   * Two checks of one class: the class is dated by the later send (and its attempt details), its
   * arrival and read by the later of each.
   */
  static CheckAnswer latest(CheckAnswer a, CheckAnswer b) {
    CheckAnswer decides = b.sent - a.sent >= 0 ? b : a;
    return new CheckAnswer(
        decides.sent,
        Math.max(a.arrival, b.arrival),
        Math.max(a.read, b.read),
        decides.firstAttempt,
        decides.unanswered,
        decides.lateNanos);
  }
}
