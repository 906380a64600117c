package dev.netmark.shim;

import dev.netmark.shim.probe.JitScopeTarget;

/**
 * The child JVM of {@code ShimJitTest}: calls a probe-package method and one of its own three times
 * each, then waits to be ended (at most a minute) while the compiler works.
 */
public final class JitScopeMain {
  private JitScopeMain() {}

  /** Outside the packages whose code compiles early. */
  static int outside(int x) {
    return Integer.rotateRight(x * 17 + 3, 5);
  }

  public static void main(String[] args) throws InterruptedException {
    int acc = 0;
    for (int i = 0; i < 3; i++) {
      acc += outside(acc + i);
      acc += JitScopeTarget.step(acc + i);
    }
    System.out.println("called " + acc);
    System.out.flush();
    Thread.sleep(60_000);
  }
}
