package dev.netmark.shim.cri;

import dev.netmark.shim.state.ContainerPhase;
import dev.netmark.shim.state.SandboxEntry;
import dev.netmark.shim.traffic.TrafficExit;

/** Brings reloaded state in line with what a restart cannot carry over. */
final class Recovery {
  private Recovery() {}

  /**
   * A traffic command running when the previous shim stopped died with it: its container is
   * reported exited as killed, instead of running forever. Containers without a command have no
   * process and stay running.
   */
  static void endInterruptedTraffic(NetperfNode node) {
    long now = EpochNanos.now();
    for (SandboxEntry s : node.state().sandboxes()) {
      s.containers().stream()
          .filter(c -> c.phase() == ContainerPhase.RUNNING)
          .filter(c -> !c.command().isEmpty() || !c.args().isEmpty())
          .forEach(
              c ->
                  node.state()
                      .update(
                          s.id(),
                          x ->
                              x.withContainer(
                                  c.id(),
                                  y ->
                                      y.exited(
                                          now,
                                          TrafficExit.KILLED,
                                          "Error",
                                          "the shim restarted while the traffic command ran"))));
    }
  }
}
