package dev.netmark.bench.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShimCpuTest {
  @Test
  void addsUtimeAndStimeCountedAfterACommandNameWithSpacesAndParentheses() {
    String stat =
        "4242 (java (shim) x) S 1 4242 4242 0 -1 4194560 52311 0 12 0 731 269 0 0 10 -10 31 0"
            + " 123456 4000000000 30000";

    assertThat(ShimCpu.ticks(stat)).isEqualTo(731 + 269);
  }

  @Test
  void refusesTextThatIsNotAStatLine() {
    assertThatThrownBy(() -> ShimCpu.ticks("no parentheses here"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a /proc/PID/stat line");
  }

  @Test
  void anExitedShimKeepsItsLastReading() {
    ShimCpu cpu = new ShimCpu(100);
    long self = ProcessHandle.current().pid();
    cpu.sample(self);
    double mine = cpu.seconds();
    cpu.sample(Long.MAX_VALUE); // no such process: not counted, nothing lost

    assertThat(cpu.shims()).isEqualTo(1);
    assertThat(cpu.seconds()).isEqualTo(mine);
  }
}
