package dev.netmark.shim.probe;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises the probe loop's thread to nice {@value #NICE}. On a busy node (the shims, the CNI plugins
 * and the API server share the cores) a thread at the default weight waits tens of milliseconds for
 * a core after every wake-up, and that wait would start probes late. The loop does little work per
 * wake-up, so a higher weight costs the node almost nothing. Needs CAP_SYS_NICE (root); without it
 * the loop runs at the default weight and says so.
 */
@SuppressWarnings("restricted") // FFM downcalls; the JVM runs with --enable-native-access
final class LoopPriority {
  static final int NICE = -10;
  private static final Logger LOG = LoggerFactory.getLogger(LoopPriority.class);
  private static final int PRIO_PROCESS = 0;

  private LoopPriority() {}

  /** Applies to the calling thread only (Linux priorities are per thread). */
  static void raiseCurrentThread() {
    try {
      Linker linker = Linker.nativeLinker();
      MethodHandle gettid =
          linker.downcallHandle(
              linker.defaultLookup().find("gettid").orElseThrow(), FunctionDescriptor.of(JAVA_INT));
      MethodHandle setpriority =
          linker.downcallHandle(
              linker.defaultLookup().find("setpriority").orElseThrow(),
              FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
      int tid = (int) gettid.invokeExact();
      int rc = (int) setpriority.invokeExact(PRIO_PROCESS, tid, NICE);
      if (rc != 0) {
        LOG.warn("probe loop stays at the default priority (setpriority failed; needs root)");
      }
    } catch (Throwable t) {
      LOG.warn("probe loop stays at the default priority: {}", t.toString());
    }
  }
}
