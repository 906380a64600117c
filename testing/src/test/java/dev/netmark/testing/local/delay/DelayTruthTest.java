package dev.netmark.testing.local.delay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelayTruthTest {
  private static final String ADD_A =
      "{\"event\":\"add\",\"uid\":\"a\",\"container\":\"c1\",\"startUs\":1000000,"
          + "\"endUs\":1152500,\"addDelayMs\":150,\"holdDownMs\":300}";
  private static final String ADD_B =
      "{\"event\":\"add\",\"uid\":\"b\",\"container\":\"c2\",\"startUs\":2000000,"
          + "\"endUs\":2040000,\"addDelayMs\":0,\"holdDownMs\":0}";

  @Test
  void pairsAddsWithRestores() {
    DelayTruth t =
        DelayTruth.parse(
            List.of(
                ADD_A,
                ADD_B,
                "",
                "{\"event\":\"restored\",\"uid\":\"a\",\"container\":\"c1\",\"fromUs\":1450000,"
                    + "\"atUs\":1453000}"),
            "truth");
    assertThat(t.adds().get("a").addMillis()).isEqualTo(152.5);
    assertThat(t.readyMillis("a")).contains(453.0);
    assertThat(t.restoreStartUs()).containsEntry("a", 1_450_000L);
    // Without a hold the datapath is up when ADD returns.
    assertThat(t.readyMillis("b")).contains(40.0);
    assertThat(t.readyMillis("nobody")).isEmpty();
    assertThat(t.failedRestores()).isEmpty();
  }

  @Test
  void aFrontDoorsExitStampEndsTheAddAndKeepsTheScriptsLastStamp() {
    // A truth line appended by the compiled front door: the script's end at 1152.5 ms, its exit
    // (after setting the hold and forking the timer) at 1160 ms.
    String withExit = ADD_A.replace("}", ",\"exitUs\":1160000}");
    DelayTruth.Add a = DelayTruth.parse(List.of(withExit), "t").adds().get("a");
    assertThat(a.addMillis()).isEqualTo(160.0);
    assertThat(a.tailMillis()).isEqualTo(7.5);
    assertThat(a.endUs()).isEqualTo(1_152_500L);
    // The script alone cannot see its exit: its last stamp ends the ADD and the tail is 0.
    assertThat(DelayTruth.parse(List.of(ADD_A), "t").adds().get("a").tailMillis()).isZero();
    assertThatThrownBy(
            () -> DelayTruth.parse(List.of(ADD_A.replace("}", ",\"exitUs\":\"x\"}")), "t"))
        .hasMessageContaining("t line 1: expected a whole number \"exitUs\"");
  }

  @Test
  void aFrontDoorsOwnFieldsAreReadAndMapWallClockStampsOntoTheMonotonicClock() {
    String line =
        ADD_A.replace(
            "}",
            ",\"exitUs\":1160000,\"pid\":4321,\"startMonoNs\":7000000000,"
                + "\"exitMonoNs\":7160000000,\"pairRealNs\":1000000500,"
                + "\"pairMonoNs\":7000000500}");

    DelayTruth.FrontDoor door = DelayTruth.parse(List.of(line), "t").adds().get("a").door();

    assertThat(door)
        .isEqualTo(
            new DelayTruth.FrontDoor(
                4321, 7_000_000_000L, 7_160_000_000L, 1_000_000_500L, 7_000_000_500L));
    // Wall clock 1,000,000 µs was monotonic 6,000 ms (the pair: real - mono = -6,000 ms).
    assertThat(door.monoNsOfWallUs(1_000_000)).isEqualTo(7_000_000_000L);
    // Without the fields (an older front door, the script alone) there is no front door.
    assertThat(DelayTruth.parse(List.of(ADD_A), "t").adds().get("a").door()).isNull();
    assertThatThrownBy(() -> DelayTruth.parse(List.of(line.replace("4321", "0")), "t"))
        .hasMessageContaining("t line 1: \"pid\" out of range: 0");
    assertThatThrownBy(
            () -> DelayTruth.parse(List.of(line.replace(",\"pairMonoNs\":7000000500", "")), "t"))
        .hasMessageContaining("expected a whole number \"pairMonoNs\"");
  }

  @Test
  void aHoldNotLiftedYetHasNoReadyTruth() {
    DelayTruth t =
        DelayTruth.parse(
            List.of(ADD_A, "{\"event\":\"failed\",\"uid\":\"a\",\"container\":\"c1\",\"atUs\":9}"),
            "truth");
    assertThat(t.readyMillis("a")).isEmpty();
    assertThat(t.failedRestores()).containsExactly("a");
  }

  @Test
  void theLastAddOfAPodWins() {
    String again = ADD_A.replace("1000000", "5000000").replace("1152500", "5100000");
    assertThat(DelayTruth.parse(List.of(ADD_A, again), "t").adds().get("a").addMillis())
        .isEqualTo(100.0);
  }

  @Test
  void badLinesNameTheFileLineAndField() {
    assertThatThrownBy(() -> DelayTruth.parse(List.of(ADD_A, "{oops"), "/x/truth.jsonl"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/x/truth.jsonl line 2: not JSON");
    assertThatThrownBy(() -> DelayTruth.parse(List.of(ADD_A.replace("\"endUs\"", "\"e\"")), "t"))
        .hasMessageContaining("t line 1: expected a whole number \"endUs\"");
    assertThatThrownBy(() -> DelayTruth.parse(List.of("{\"event\":\"boom\",\"uid\":\"a\"}"), "t"))
        .hasMessageContaining("t line 1: unknown event 'boom'");
    assertThatThrownBy(() -> DelayTruth.parse(List.of("{\"event\":\"add\"}"), "t"))
        .hasMessageContaining("expected a string \"uid\"");
  }

  @Test
  void aMissingFileIsNoPodYet(@TempDir Path dir) {
    assertThat(DelayTruth.read(dir.resolve("none.jsonl")).adds()).isEmpty();
  }
}
