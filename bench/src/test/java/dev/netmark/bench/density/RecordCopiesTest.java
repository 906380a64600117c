package dev.netmark.bench.density;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordCopiesTest {
  @TempDir Path dir;

  private static String line(String uid) {
    return PodEventCodec.toJson(
            new PodEvent(
                1,
                EventKind.NETWORK_READY,
                "n1",
                "ns",
                "p",
                uid,
                "10.0.0.1",
                1,
                5,
                Map.of("network_ready", 0.01),
                null,
                null))
        + "\n";
  }

  @Test
  void readsOnlyWhatWasAppendedAndWaitsForAHalfWrittenLine() throws Exception {
    Path file = dir.resolve("records.jsonl");
    RecordCopies copies = new RecordCopies();
    copies.read(file); // not there yet

    String second = line("b");
    Files.writeString(file, line("a") + second.substring(0, 10));
    copies.read(file);
    assertThat(copies.events()).extracting(PodEvent::uid).containsExactly("a");

    Files.writeString(file, second.substring(10), StandardOpenOption.APPEND);
    copies.read(file);
    copies.read(file);
    Files.delete(file); // teardown: what was copied stays
    copies.read(file);

    assertThat(copies.events()).extracting(PodEvent::uid).containsExactly("a", "b");
  }

  @Test
  void linesWrittenJustBeforeTeardownAreReadFromTheDeletedFile() throws Exception {
    Path file = dir.resolve("records.jsonl");
    try (RecordCopies copies = new RecordCopies()) {
      Files.writeString(file, line("a"));
      copies.read(file);
      // The run's last records and its teardown both fall between two polls.
      Files.writeString(file, line("b"), StandardOpenOption.APPEND);
      Files.delete(file);
      copies.read(file);
      copies.finish();

      assertThat(copies.events()).extracting(PodEvent::uid).containsExactly("a", "b");
    }
  }

  @Test
  void aFileReplacedUnderTheSameNameIsReadToItsEndThenTheNewOneFollowed() throws Exception {
    Path file = dir.resolve("records.jsonl");
    try (RecordCopies copies = new RecordCopies()) {
      Files.writeString(file, line("a"));
      copies.read(file);
      Files.writeString(file, line("b"), StandardOpenOption.APPEND);
      Path fresh = dir.resolve("records.jsonl.new");
      Files.writeString(fresh, line("c"));
      Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING);
      copies.read(file);
      copies.finish();

      assertThat(copies.events()).extracting(PodEvent::uid).containsExactly("a", "b", "c");
    }
  }
}
