package dev.netmark.testing.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many shims local mode starts at once. */
class NodesTest {
  @Test
  void twiceTheCoresAndNeverFewerThanTwo() {
    assertThat(Nodes.startWindow(2)).isEqualTo(4);
    assertThat(Nodes.startWindow(1)).isEqualTo(2);
    assertThat(Nodes.startWindow(16)).isEqualTo(32);
  }
}
