package dev.netmark.shim.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CausesTest {
  @Test
  void errnosMapToTheDesignsCauses() {
    assertThat(Causes.of(111)).isEqualTo("refused");
    assertThat(Causes.of(104)).isEqualTo("reset");
    assertThat(Causes.of(32)).isEqualTo("reset");
    assertThat(Causes.of(110)).isEqualTo("timeout");
    assertThat(Causes.of(113)).isEqualTo("unreachable");
    assertThat(Causes.of(-101)).isEqualTo("unreachable");
  }

  @Test
  void theErrnoBehindUnreachableIsLoggedOnceWithItsName() {
    // ENETDOWN, which no other test of this JVM passes: the log is once per errno and shim.
    PrintStream before = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertThat(Causes.of(100)).isEqualTo("unreachable");
      assertThat(Causes.of(100)).isEqualTo("unreachable");
      assertThat(Causes.of(111)).isEqualTo("refused");
    } finally {
      System.setErr(before);
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .containsOnlyOnce("errno 100 (Network is down)")
        .containsOnlyOnce("counted as 'unreachable'")
        .doesNotContain("errno 111");
  }
}
