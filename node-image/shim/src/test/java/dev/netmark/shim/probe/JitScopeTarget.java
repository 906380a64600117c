package dev.netmark.shim.probe;

/** A method of the probe package for {@code ShimJitTest}: it must compile after a few calls. */
public final class JitScopeTarget {
  private JitScopeTarget() {}

  /** A little work, so the call is not folded away. */
  public static int step(int x) {
    return Integer.rotateLeft(x * 31 + 7, 3);
  }
}
