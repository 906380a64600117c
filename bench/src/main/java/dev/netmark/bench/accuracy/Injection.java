package dev.netmark.bench.accuracy;

/**
 * One point of the benchmark: the delay added to every ADD and how long every pod's datapath is
 * held down after ADD returned, both in ms.
 */
record Injection(int addDelayMs, int holdDownMs) {
  Injection {
    if (addDelayMs < 0 || holdDownMs < 0) {
      throw new IllegalArgumentException(
          "delays must be >= 0 ms, found D=" + addDelayMs + " R=" + holdDownMs);
    }
  }

  /** {@code D=50ms R=250ms}, also the key in the JSON details. */
  @Override
  public String toString() {
    return "D=" + addDelayMs + "ms R=" + holdDownMs + "ms";
  }
}
