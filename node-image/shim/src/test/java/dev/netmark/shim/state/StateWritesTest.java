package dev.netmark.shim.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state directory is written atomically but never fsync'd (docs/design.md, "State on disk"): an
 * fsync per write would make the plugins netmark measures wait behind journal commits. The JDK
 * reports every {@code FileChannel.force} as a {@code jdk.FileForce} event, which is what is
 * counted.
 */
class StateWritesTest {
  private static final String SANDBOX = ShimStateTest.sandbox().id();

  @TempDir Path dir;

  @Test
  void aSandboxsWholeLifeSyncsNothing() throws Exception {
    List<RecordedEvent> forces =
        forcesDuring(
            () -> {
              ShimState state = ShimState.open(dir);
              state.startAttempt(
                  "uid-a",
                  System.nanoTime(),
                  System.currentTimeMillis(),
                  "boot-1",
                  new AddAttempts.InFlight(SANDBOX, "/run/netns/x", "nmcri", "pod-a"));
              state.add(ShimStateTest.sandbox());
              state.clearAttempts("uid-a");
              state.update(SANDBOX, s -> s.withContainers(List.of(ShimStateTest.container())));
              state.update(SANDBOX, s -> s.stopped(true));
              state.remove(SANDBOX);
            });

    assertThat(forces).isEmpty();
  }

  @Test
  void whatWasWrittenIsReadBackByTheNextShim() {
    ShimState first = ShimState.open(dir);
    first.add(ShimStateTest.sandbox());
    first.update(SANDBOX, s -> s.withContainers(List.of(ShimStateTest.container())));
    first.startAttempt("uid-b", 1L, 2L, "boot-1");

    ShimState next = ShimState.open(dir);

    assertThat(next.sandbox(SANDBOX))
        .contains(ShimStateTest.sandbox().withContainers(List.of(ShimStateTest.container())));
    assertThat(next.attempts("uid-b")).hasValueSatisfying(a -> assertThat(a.attempts()).isOne());
    assertThat(next.problem()).isNull();
  }

  @Test
  void aReplacedFileIsWholeAndNoTemporaryFileStays() throws IOException {
    Path file = dir.resolve("x.json");
    AtomicFiles.write(file, "{\"old\":true}".getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(file, "{\"new\":true}".getBytes(StandardCharsets.UTF_8));

    assertThat(file).hasContent("{\"new\":true}");
    try (var names = Files.list(dir)) {
      assertThat(names.map(p -> p.getFileName().toString())).containsExactly("x.json");
    }
  }

  /** The counting itself: a force in the directory is seen, so an empty count means none ran. */
  @Test
  void aForceInTheDirectoryIsCounted() throws Exception {
    List<RecordedEvent> forces =
        forcesDuring(
            () -> {
              try (FileChannel c =
                  FileChannel.open(
                      dir.resolve("synced"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                c.force(true);
              }
            });

    assertThat(forces).hasSize(1);
  }

  interface Action {
    void run() throws Exception;
  }

  private List<RecordedEvent> forcesDuring(Action action) throws Exception {
    Path dump = Files.createTempFile("state-writes", ".jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.FileForce").withThreshold(Duration.ZERO);
      recording.start();
      action.run();
      recording.stop();
      recording.dump(dump);
      return RecordingFile.readAllEvents(dump).stream()
          .filter(e -> e.getEventType().getName().equals("jdk.FileForce"))
          .filter(e -> String.valueOf(e.getString("path")).startsWith(dir.toString()))
          .toList();
    } finally {
      Files.deleteIfExists(dump);
    }
  }
}
