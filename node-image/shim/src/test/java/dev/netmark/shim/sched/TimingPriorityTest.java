package dev.netmark.shim.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link TimingPriority} finds a JVM thread by name; the raise itself is in an IT (root). */
class TimingPriorityTest {
  @TempDir Path tasks;

  private void task(String tid, String comm) throws Exception {
    Files.createDirectories(tasks.resolve(tid));
    Files.writeString(tasks.resolve(tid).resolve("comm"), comm + "\n");
  }

  @Test
  void findsTheTaskWhoseCommIsTheNameExactly() throws Exception {
    task("100", "java");
    task("101", "VM Periodic Tas");
    task("102", "VM Thread");
    assertThat(TimingPriority.threadNamed(tasks, "VM Thread")).hasValue(102);
  }

  @Test
  void aTaskThatEndedWhileListedIsSkipped() throws Exception {
    Files.createDirectories(tasks.resolve("7")); // no comm: the thread is gone
    task("8", "VM Thread");
    assertThat(TimingPriority.threadNamed(tasks, "VM Thread")).hasValue(8);
  }

  @Test
  void noSuchThreadIsEmpty() throws Exception {
    task("100", "java");
    assertThat(TimingPriority.threadNamed(tasks, "VM Thread")).isEmpty();
    assertThat(TimingPriority.threadNamed(tasks.resolve("missing"), "VM Thread")).isEmpty();
  }
}
