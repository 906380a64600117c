package dev.netmark.shim.traffic;

/**
 * A container command the traffic model will not run. The message is meant for the container
 * status: it names the argument and why it is refused.
 */
public final class TrafficRefusedException extends IllegalArgumentException {
  public TrafficRefusedException(String reason) {
    super(reason);
  }
}
