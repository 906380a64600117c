package dev.netmark.shim.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
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
  void aCorruptLineInTheMiddleStopsTheLoadNamingTheLine() throws Exception {
    Path file = dir.resolve(RecordLog.FILE_NAME);
    Files.writeString(file, PodEventCodec.toJson(event("a", 1).withSeq(0)) + "\nnot json\n");
    assertThatThrownBy(() -> RecordLog.open(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining(file.toString());
  }

  @Test
  void aSequenceGapIsReported() throws Exception {
    Path file = dir.resolve(RecordLog.FILE_NAME);
    Files.writeString(file, PodEventCodec.toJson(event("a", 1).withSeq(3)) + "\n");
    assertThatThrownBy(() -> RecordLog.open(dir)).hasMessageContaining("expected seq 0, found 3");
  }

  @Test
  void queryParsing() {
    assertThat(RecordsQuery.parse(null)).isEqualTo(new RecordsQuery(0, 1000));
    assertThat(RecordsQuery.parse("cursor=12&limit=5")).isEqualTo(new RecordsQuery(12, 5));
    assertThat(RecordsQuery.parse("limit=99999&x=1")).isEqualTo(new RecordsQuery(0, 10000));
    assertThatThrownBy(() -> RecordsQuery.parse("cursor=-1")).hasMessageContaining("found -1");
    assertThatThrownBy(() -> RecordsQuery.parse("cursor=abc")).hasMessageContaining("'abc'");
  }
}
