package dev.netmark.engine.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.engine.clock.FakeTicker;
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

  @Test
  void podLineShowsEachStageAndTheRateOfPodsThatBecameReadyWhileItRan() {
    FakeTicker ticker = new FakeTicker();
    StringWriter text = new StringWriter();
    TerminalProgress progress =
        new TerminalProgress(new PrintWriter(text, true), ticker, 60_000, false);
    Progress.PodTask pods = progress.startPods("steps[3].waitForNetworkReady");
    // Nothing to show before the first read: not "0 pods".
    assertThat(progress.line(ticker.nanoTime())).isEmpty();
    // 5 pods were ready before the wait began: not the wait's work, not in its rate.
    pods.update(new PodCounts(30, 30, 12, 5));
    ticker.advance(4_000_000_000L);
    pods.update(new PodCounts(30, 30, 28, 25));
    assertThat(progress.line(ticker.nanoTime()))
        .isEqualTo(
            "steps[3].waitForNetworkReady: 30 pods: 30 scheduled, 28 ADD done, 25 network-ready,"
                + " 5.0/s, 4s elapsed");
    pods.close();
    assertThat(text.toString())
        .isEqualTo(
            "steps[3].waitForNetworkReady: 30 pods: 30 scheduled, 28 ADD done, 25 network-ready,"
                + " 5.0/s, 4s elapsed\n");
  }

  @Test
  void offATerminalThePodLineIsPlainToo() throws InterruptedException {
    FakeTicker ticker = new FakeTicker();
    StringWriter text = new StringWriter();
    TerminalProgress progress = new TerminalProgress(new PrintWriter(text, true), ticker, 1, false);
    Progress.PodTask pods = progress.startPods("steps[3].waitForNetworkReady");
    Progress.Task create = progress.start("steps[2].createPods", 30, "objects created");
    ticker.advance(1_000_000_000L);
    pods.update(new PodCounts(10, 8, 4, 0));
    create.advance(10);
    String both =
        "steps[2].createPods: 10/30 objects created, 10.0/s, 1s elapsed"
            + " | steps[3].waitForNetworkReady: 10 pods: 8 scheduled, 4 ADD done,"
            + " 0 network-ready, 0.0/s, 1s elapsed";
    // The drawer prints a line every millisecond here; wait for one with both tasks.
    for (int i = 0; i < 10_000 && !text.toString().contains(both); i++) {
      Thread.sleep(1);
    }
    // Nothing changes from here on: no more lines until the tasks end.
    Thread.sleep(50);
    create.close();
    pods.close();
    String out = text.toString();
    assertThat(out.lines().filter(both::equals)).hasSize(1);
    assertThat(out.lines())
        .endsWith(
            "steps[2].createPods: 10/30 objects created, 10.0/s, 1s elapsed",
            "steps[3].waitForNetworkReady: 10 pods: 8 scheduled, 4 ADD done, 0 network-ready,"
                + " 0.0/s, 1s elapsed");
    assertThat(out.chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
  }

  @Test
  void aPodLineNeverUpdatedPrintsNothing() {
    StringWriter text = new StringWriter();
    TerminalProgress progress =
        new TerminalProgress(new PrintWriter(text, true), new FakeTicker(), 60_000, false);
    progress.startPods("steps[3].waitForNetworkReady").close();
    assertThat(text.toString()).isEmpty();
  }
}
