package dev.netmark.shim.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.shim.records.PodRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficRunTest {
  private static TrafficRun run() {
    return new TrafficRun(
        new TrafficRequest(
            new PodRef("ns", "pod", "uid"),
            "ctr",
            Path.of("/run/netns/none"),
            "10.0.0.2",
            1,
            TrafficParser.parse(List.of("iperf3"), List.of("-c", "$(CONTROL_SAME_NODE)"))));
  }

  @Test
  void aStopEndsAPauseBetweenBusyAttempts() throws Exception {
    TrafficRun run = run();
    Thread waiter =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    run.pause(Duration.ofHours(1).toMillis());
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    run.stop();
    assertThat(waiter.join(Duration.ofMinutes(1))).as("the pause ended with the stop").isTrue();
    assertThat(run.stopped()).isTrue();
  }

  @Test
  void aPauseOfAStoppedRunReturnsAtOnceAndAShortOneEnds() throws Exception {
    TrafficRun run = run();
    run.pause(1);
    run.stop();
    run.pause(Duration.ofHours(1).toMillis());
    assertThat(run.stopped()).isTrue();
  }
}
