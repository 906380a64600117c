package dev.netmark.shim.cni;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.shim.sched.TimingPriority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Real priorities (needs root): a raised thread runs at nice -10, and a plugin it starts runs at
 * the default nice 0, so the node's CNI is never favoured over its other load.
 */
class TimingPriorityIT {
  /** Field 19 of a {@code /proc/.../stat} line: the nice value. */
  private static int nice(String stat) {
    String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return Integer.parseInt(after[16]);
  }

  @Test
  void aRaisedThreadStartsPluginsAtTheDefaultPriority() throws Exception {
    AtomicReference<int[]> seen = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    TimingPriority.raiseCurrentThread();
                    int own = nice(Files.readString(Path.of("/proc/thread-self/stat")));
                    try (PluginProcess p =
                        PluginProcess.spawn(Path.of("/bin/cat"), List.of("PATH=/usr/bin:/bin"))) {
                      int child = nice(Files.readString(Path.of("/proc/" + p.pid() + "/stat")));
                      PluginPipes.run(
                          p, new byte[0], 1024, 1024, System.nanoTime() + 10_000_000_000L);
                      seen.set(new int[] {own, child});
                    }
                  } catch (Throwable e) {
                    failure.set(e);
                  }
                });
    t.join();
    assertThat(failure.get()).isNull();
    assertThat(seen.get()).containsExactly(-10, 0);
  }

  @Test
  void theVmThreadIsRaised() throws Exception {
    assertThat(TimingPriority.raiseVmThread()).isTrue();
    Path task;
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      task =
          tasks
              .filter(p -> readQuietly(p.resolve("comm")).strip().equals("VM Thread"))
              .findFirst()
              .orElseThrow();
    }
    assertThat(nice(Files.readString(task.resolve("stat")))).isEqualTo(-10);
  }

  private static String readQuietly(Path p) {
    try {
      return Files.readString(p);
    } catch (Exception e) {
      return "";
    }
  }
}
