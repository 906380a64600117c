package dev.netmark.shim.app;

import dev.netmark.shim.metrics.PodRecorder;
import dev.netmark.shim.targets.ProbeTargetsSource;
import java.util.concurrent.Executor;

/**
 * What every serving and calling run shares: the loop, where records are written (in order, off the
 * loop, so a slow disk never delays a request), and the probe targets clients resolve from.
 */
record AppContext(AppLoop io, Executor writer, PodRecorder recorder, ProbeTargetsSource targets) {
  void write(Runnable record) {
    writer.execute(record);
  }
}
