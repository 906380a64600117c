package dev.netmark.shim.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordLogTest {
  @TempDir Path dir;

  private static PodEvent event(String uid, double addSeconds) {
    return new PodEvent(
        99,
        EventKind.ADD,
        "node-a",
        "ns",
        "pod-" + uid,
        uid,
        "10.0.0.1",
        1,
        1_700_000_000_000L,
        Map.of("cni_add", addSeconds),
        null,
        Map.of());
  }

  @Test
  void appendAssignsSeqFromZeroAndPagesByCursor() {
    try (RecordLog log = RecordLog.open(dir)) {
      for (int i = 0; i < 5; i++) {
        assertThat(log.append(event("u" + i, i)).seq()).isEqualTo(i);
      }
      RecordPage first = log.read(0, 2);
      assertThat(first.lines()).hasSize(2);
      assertThat(first.nextCursor()).isEqualTo(2);
      assertThat(first.more()).isTrue();
      assertThat(PodEventCodec.fromJson(first.lines().get(1)).uid()).isEqualTo("u1");

      RecordPage last = log.read(3, 10);
      assertThat(last.lines())
          .extracting(l -> PodEventCodec.fromJson(l).seq())
          .containsExactly(3L, 4L);
      assertThat(last.nextCursor()).isEqualTo(5);
      assertThat(last.more()).isFalse();

      RecordPage empty = log.read(5, 10);
      assertThat(empty.lines()).isEmpty();
      assertThat(empty.nextCursor()).isEqualTo(5);
      assertThat(log.read(77, 10).nextCursor()).isEqualTo(77);
    }
  }

  @Test
  void reopenReloadsEverythingAndContinuesTheSequence() {
    try (RecordLog log = RecordLog.open(dir)) {
      log.append(event("a", 0.25));
      log.append(event("b", 0.5));
    }
    try (RecordLog log = RecordLog.open(dir)) {
      assertThat(log.size()).isEqualTo(2);
      assertThat(log.append(event("c", 0.75)).seq()).isEqualTo(2);
      List<PodEvent> all = new ArrayList<>();
      log.replay(all::add);
      assertThat(all).extracting(PodEvent::uid).containsExactly("a", "b", "c");
      assertThat(all.get(1).seconds()).containsEntry("cni_add", 0.5);
    }
  }

  @Test
  void aTornLastLineIsDroppedAndOverwritten() throws Exception {
    try (RecordLog log = RecordLog.open(dir)) {
      log.append(event("a", 1));
    }
    Path file = dir.resolve(RecordLog.FILE_NAME);
    Files.writeString(file, "{\"seq\":1,\"kind\":\"AD", StandardOpenOption.APPEND);
    try (RecordLog log = RecordLog.open(dir)) {
      assertThat(log.size()).isEqualTo(1);
      assertThat(log.append(event("b", 2)).seq()).isEqualTo(1);
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    assertThat(PodEventCodec.fromJson(lines.get(1)).uid()).isEqualTo("b");
  }

  @Test
  void aFailedAppendLeavesNoHalfLineAndTheNextAppendTakesItsSeq() throws Exception {
    Path file = dir.resolve(RecordLog.FILE_NAME);
    FaultyChannel[] disk = new FaultyChannel[1];
    try (RecordLog log =
        RecordLog.open(
            dir,
            f ->
                disk[0] =
                    new FaultyChannel(
                        FileChannel.open(
                            f,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.READ,
                            StandardOpenOption.WRITE)))) {
      log.append(event("a", 1));
      disk[0].budget = 10; // the disk fills up 10 bytes into the next line
      assertThatThrownBy(() -> log.append(event("b", 2))).isInstanceOf(UncheckedIOException.class);
      assertThat(log.problem())
          .isEqualTo("records: cannot append to " + file + " (No space left on device)");
      assertThat(log.size()).isEqualTo(1);
      disk[0].budget = Long.MAX_VALUE; // space again
      assertThat(log.append(event("c", 3)).seq()).isEqualTo(1);
      assertThat(log.problem()).isNull();
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).extracting(l -> PodEventCodec.fromJson(l).uid()).containsExactly("a", "c");
    try (RecordLog log = RecordLog.open(dir)) {
      assertThat(log.size()).isEqualTo(2);
      assertThat(log.problem()).isNull();
    }
  }

  @Test
  void badLinesAreQuarantinedTheirSeqsStayGapsAndTheLogGoesOn() throws Exception {
    Path file = dir.resolve(RecordLog.FILE_NAME);
    String a = PodEventCodec.toJson(event("a", 1).withSeq(0));
    String c = PodEventCodec.toJson(event("c", 1).withSeq(2));
    String wrongSeq = PodEventCodec.toJson(event("x", 1).withSeq(77));
    String tail = PodEventCodec.toJson(event("t", 1).withSeq(3));
    // seq 1 is unreadable; a line with a seq out of order; a bad line at the end holds no seq
    Files.writeString(
        file, a + "\n{\"seq\":1,\"ki#\n" + c + "\n" + wrongSeq + "\n" + tail + "\nnot json\n");
    try (RecordLog log = RecordLog.open(dir)) {
      assertThat(log.size()).isEqualTo(4);
      assertThat(log.problem())
          .isEqualTo(
              "records: 3 bad line(s) of " + file + " moved to records.quarantine.jsonl at start");
      RecordPage page = log.read(0, 10);
      assertThat(page.lines())
          .extracting(l -> PodEventCodec.fromJson(l).seq())
          .containsExactly(0L, 2L, 3L);
      assertThat(page.nextCursor()).isEqualTo(4);
      RecordPage gap = log.read(1, 1);
      assertThat(gap.lines()).isEmpty();
      assertThat(gap.nextCursor()).isEqualTo(2);
      assertThat(gap.more()).isTrue();
      assertThat(log.append(event("d", 1)).seq()).isEqualTo(4);
      List<PodEvent> all = new ArrayList<>();
      log.replay(all::add);
      assertThat(all).extracting(PodEvent::uid).containsExactly("a", "c", "t", "d");
    }
    assertThat(Files.readAllLines(dir.resolve("records.quarantine.jsonl")))
        .containsExactly("{\"seq\":1,\"ki#", wrongSeq, "not json");
    try (RecordLog log = RecordLog.open(dir)) { // the gap survives a second restart
      assertThat(log.size()).isEqualTo(5);
      assertThat(log.problem()).isNull();
      assertThat(log.read(0, 10).lines()).hasSize(4);
    }
  }

  @Test
  void theLogRotatesBySizeKeepsTheNewestFilesAndReplaysOnlyThose() throws Exception {
    int lineBytes = (PodEventCodec.toJson(event("u00", 0).withSeq(10)) + "\n").length();
    long limit = 4L * lineBytes; // about 4 events per file
    try (RecordLog log = RecordLog.open(dir, FILES, limit, 2)) {
      for (int i = 0; i < 50; i++) {
        log.append(event("u" + (i < 10 ? "0" : "") + i, 0));
      }
      assertThat(log.size()).isEqualTo(50);
    }
    List<String> files;
    try (var list = Files.list(dir)) {
      files = list.map(f -> f.getFileName().toString()).sorted().toList();
    }
    // Before: one records.jsonl that grew forever and was replayed whole at every start.
    assertThat(files).hasSize(3).contains(RecordLog.FILE_NAME);
    try (RecordLog log = RecordLog.open(dir, FILES, limit, 2)) {
      assertThat(log.size()).isEqualTo(50);
      List<PodEvent> kept = new ArrayList<>();
      log.replay(kept::add);
      long oldest = kept.getFirst().seq();
      assertThat(oldest).isGreaterThan(30);
      assertThat(kept).extracting(PodEvent::seq).doesNotHaveDuplicates().last().isEqualTo(49L);
      assertThat(kept).hasSize((int) (50 - oldest));
      RecordPage fromZero = log.read(0, 3);
      assertThat(PodEventCodec.fromJson(fromZero.lines().getFirst()).seq()).isEqualTo(oldest);
      assertThat(fromZero.more()).isTrue();
      assertThat(log.append(event("next", 0)).seq()).isEqualTo(50);
    }
  }

  @Test
  void aRotationThatCannotStartANewFileKeepsAppendingToTheOldOne() throws Exception {
    int lineBytes = (PodEventCodec.toJson(event("u00", 0).withSeq(10)) + "\n").length();
    int[] opens = {0};
    RecordLog.Channels secondFails =
        f -> {
          if (opens[0]++ > 0) {
            throw new java.io.IOException("Too many open files");
          }
          return FILES.open(f);
        };
    try (RecordLog log = RecordLog.open(dir, secondFails, 2L * lineBytes, 2)) {
      for (int i = 0; i < 5; i++) {
        assertThat(log.append(event("u0" + i, 0)).seq()).isEqualTo(i); // never throws
      }
      assertThat(log.read(0, 10).lines()).hasSize(5);
    }
    try (var list = Files.list(dir)) {
      assertThat(list.map(f -> f.getFileName().toString())).containsExactly(RecordLog.FILE_NAME);
    }
  }

  private static final RecordLog.Channels FILES =
      f ->
          FileChannel.open(
              f, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);

  @Test
  void queryParsing() {
    assertThat(RecordsQuery.parse(null)).isEqualTo(new RecordsQuery(0, 1000, false));
    assertThat(RecordsQuery.parse("cursor=12&limit=5")).isEqualTo(new RecordsQuery(12, 5, false));
    assertThat(RecordsQuery.parse("limit=99999&x=1")).isEqualTo(new RecordsQuery(0, 10000, false));
    assertThat(RecordsQuery.parse("from=end")).isEqualTo(new RecordsQuery(0, 1000, true));
    assertThatThrownBy(() -> RecordsQuery.parse("cursor=-1")).hasMessageContaining("found -1");
    assertThatThrownBy(() -> RecordsQuery.parse("cursor=abc")).hasMessageContaining("'abc'");
  }
}
