package dev.netmark.engine.progress;

/**
 * How far the pods a step waits for got, by stage (docs/design.md, "What the terminal shows").
 *
 * @param pods the pods waited for: those the engine's watch sees, not deleted
 * @param scheduled of those, bound to a node
 * @param addDone of those, with a successful CNI ADD in their shim's records
 * @param networkReady of those, network-ready in their shim's records
 */
public record PodCounts(long pods, long scheduled, long addDone, long networkReady) {
  /** {@code 30 pods: 30 scheduled, 28 ADD done, 20 network-ready}. */
  String describe() {
    return pods
        + " pods: "
        + scheduled
        + " scheduled, "
        + addDone
        + " ADD done, "
        + networkReady
        + " network-ready";
  }
}
