package dev.netmark.engine.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.engine.tuningset.FakeTicker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

  @Test
  void showsCountTargetAndRateAndPrintsTheFinalLineOnClose() {
    FakeTicker ticker = new FakeTicker();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TerminalProgress progress =
        new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), ticker, 60_000);
    Progress.Task create = progress.start("steps[1].phases[0]", 1000, "objects");
    Progress.Task ready = progress.start("steps[1].measurements[0]", 0, "pods ready");
    create.advance(250);
    ready.advance(40);
    ticker.advance(2_000_000_000L);
    assertThat(progress.line(ticker.nanoTime()))
        .isEqualTo(
            "steps[1].measurements[0]: 40 pods ready, 20.0/s"
                + " | steps[1].phases[0]: 250/1000 objects, 125.0/s");
    create.close();
    create.close();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("\r\033[2Ksteps[1].phases[0]: 250/1000 objects, 125.0/s\n");
    assertThat(progress.line(ticker.nanoTime()))
        .isEqualTo("steps[1].measurements[0]: 40 pods ready, 20.0/s");
    ready.close();
  }
}
