package dev.netmark.engine.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.engine.tuningset.FakeTicker;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

  @Test
  void showsCountTargetRateAndElapsedAndPrintsTheFinalLineOnClose() {
    FakeTicker ticker = new FakeTicker();
    StringWriter text = new StringWriter();
    TerminalProgress progress =
        new TerminalProgress(new PrintWriter(text, true), ticker, 60_000, true);
    Progress.Task create = progress.start("steps[1].phases[0]", 1000, "objects");
    Progress.Task ready = progress.start("steps[1].measurements[0]", 0, "pods ready");
    create.advance(250);
    ready.advance(40);
    ticker.advance(2_000_000_000L);
    assertThat(progress.line(ticker.nanoTime()))
        .isEqualTo(
            "steps[1].measurements[0]: 40 pods ready, 20.0/s, 2s elapsed"
                + " | steps[1].phases[0]: 250/1000 objects, 125.0/s, 2s elapsed");
    create.close();
    create.close();
    assertThat(text.toString())
        .isEqualTo("\r\033[2Ksteps[1].phases[0]: 250/1000 objects, 125.0/s, 2s elapsed\n");
    assertThat(progress.line(ticker.nanoTime()))
        .isEqualTo("steps[1].measurements[0]: 40 pods ready, 20.0/s, 2s elapsed");
    ready.close();
  }

  @Test
  void offATerminalPrintsPlainLinesWithoutControlCharacters() throws InterruptedException {
    FakeTicker ticker = new FakeTicker();
    StringWriter text = new StringWriter();
    TerminalProgress progress = new TerminalProgress(new PrintWriter(text, true), ticker, 1, false);
    Progress.Task create = progress.start("steps[1].phases[0]", 30, "objects");
    create.advance(10);
    ticker.advance(1_000_000_000L);
    // The drawer prints a line every millisecond here; wait for at least one.
    while (!text.toString().contains("\n")) {
      Thread.sleep(1);
    }
    create.advance(20);
    create.close();
    String out = text.toString();
    assertThat(out).endsWith("steps[1].phases[0]: 30/30 objects, 30.0/s, 1s elapsed\n");
    assertThat(out.lines()).allMatch(l -> l.startsWith("steps[1].phases[0]: "));
    assertThat(out.chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
  }
}
