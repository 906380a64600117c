package dev.netmark.measurements.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which seconds a tier change covers (docs/design.md, "Application models"). */
class AppChangesTest {
  private static final String WHERE = "ConfigMap x";

  @Test
  void aChangeCoversItsSecondsPlusTheGrace() {
    AppChanges c =
        AppChanges.parse(
            "[{\"namespace\":\"n\",\"tier\":\"b\",\"action\":\"roll\",\"startMs\":10500,"
                + "\"endMs\":12000}]",
            WHERE);
    assertThat(c.problem()).isNull();
    assertThat(c.covers("n", "b", 9000, 2000)).isFalse(); // 9000..10000 ends before 10500
    assertThat(c.covers("n", "b", 10000, 2000)).isTrue(); // overlaps 10500
    assertThat(c.covers("n", "b", 14000, 2000)).isTrue(); // end 12000 + 2000
    assertThat(c.covers("n", "b", 15000, 2000)).isFalse();
    assertThat(c.covers("n", "a", 11000, 2000)).isFalse(); // another tier
    assertThat(c.covers("m", "b", 11000, 2000)).isFalse(); // another namespace
  }

  @Test
  void aChangeStillRunningCoversEverythingAfterItsStart() {
    AppChanges c =
        AppChanges.parse(
            "[{\"namespace\":\"n\",\"tier\":\"b\",\"action\":\"scale\",\"startMs\":10000,"
                + "\"endMs\":0}]",
            WHERE);
    assertThat(c.covers("n", "b", 9000, 2000)).isFalse();
    assertThat(c.covers("n", "b", 1_000_000, 2000)).isTrue();
  }

  @Test
  void aBadListIsAProblemNamingWhere() {
    AppChanges c = AppChanges.parse("{\"not\":\"a list\"}", WHERE);
    assertThat(c.changes()).isEmpty();
    assertThat(c.problem()).startsWith("ConfigMap x is not a list of tier changes: ");
  }
}
