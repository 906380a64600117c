package dev.netmark.shim.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.RequestStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestSecondsTest {
  private static final CallCommand CALL =
      new CallCommand(
          "web->api", "http", "service", "api", 10, 0, Duration.ZERO, Duration.ofSeconds(2));
  private final List<RequestStats> out = new ArrayList<>();
  private final RequestSeconds seconds = new RequestSeconds(CALL, out::add, new Random(1));

  @Test
  void aSecondIsWrittenOnceItIsOverAndEveryRequestFinished() {
    var a = seconds.sent(10_100, "10.96.0.1");
    var b = seconds.sent(10_900, "10.96.0.1");
    seconds.answered(a, 1.5, 10_200);
    seconds.flush(10_999);
    assertThat(out).isEmpty();
    // b straddles the boundary: sent in second 10, answered in second 11
    var c = seconds.sent(11_050, "10.96.0.1");
    seconds.flush(11_100);
    assertThat(out).as("b is still open").isEmpty();
    seconds.failed(b, "timeout", 11_200);
    assertThat(out)
        .containsExactly(
            new RequestStats(
                "web->api",
                "http",
                "service",
                10_000,
                2,
                List.of(1.5),
                1,
                Map.of("timeout", 1),
                Map.of("10.96.0.1", 1)));
    seconds.answered(c, 2.0, 11_300);
    assertThat(out).hasSize(1);
    seconds.flush(12_000);
    assertThat(out).hasSize(2);
    assertThat(out.get(1).secondMs()).isEqualTo(11_000);
    assertThat(out.get(1).answered()).isEqualTo(1);
  }

  @Test
  void aLateReplyAfterItsTimeoutCountsOnce() {
    var a = seconds.sent(5_000, "10.0.0.7");
    seconds.failed(a, "timeout", 7_000);
    seconds.answered(a, 2500, 7_500);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).requests()).isEqualTo(1);
    assertThat(out.get(0).answered()).isZero();
    assertThat(out.get(0).latencyMs()).isEmpty();
    assertThat(out.get(0).errors()).isEqualTo(Map.of("timeout", 1));
  }

  @Test
  void requestsOpenWhenThePodStopsFinishAsStopped() {
    var a = seconds.sent(20_100, "10.0.0.7");
    var b = seconds.sent(20_600, "10.0.0.8");
    var c = seconds.sent(21_000, "10.0.0.7");
    seconds.answered(a, 3, 20_200);
    seconds.stop(21_100);
    assertThat(out).hasSize(2);
    assertThat(out.get(0).requests()).isEqualTo(2);
    assertThat(out.get(0).answered()).isEqualTo(1);
    assertThat(out.get(0).errors()).isEqualTo(Map.of("stopped", 1));
    assertThat(out.get(0).errorTargets()).isEqualTo(Map.of("10.0.0.8", 1));
    assertThat(out.get(1).errors()).isEqualTo(Map.of("stopped", 1));
    // replies that come after the stop, and requests after it, change nothing
    seconds.answered(b, 1, 21_200);
    seconds.answered(c, 1, 21_200);
    seconds.sent(21_300, "10.0.0.7");
    seconds.flush(30_000);
    assertThat(out).hasSize(2);
    assertThat(seconds.openRequests()).isZero();
    assertThat(seconds.heldSeconds()).isZero();
  }

  @Test
  void noTargetHasNoAddress() {
    var a = seconds.sent(1_000, null);
    seconds.failed(a, "no_target", 1_000);
    seconds.flush(2_000);
    assertThat(out.get(0).errors()).isEqualTo(Map.of("no_target", 1));
    assertThat(out.get(0).errorTargets()).isEmpty();
  }

  @Test
  void beyondTheSampleLimitLatenciesAreAUniformSample() {
    int n = RequestStats.MAX_SAMPLES * 3;
    for (int i = 0; i < n; i++) {
      seconds.answered(seconds.sent(40_000, "x"), i < RequestStats.MAX_SAMPLES ? 1 : 2, 40_000);
    }
    seconds.flush(41_000);
    RequestStats s = out.get(0);
    assertThat(s.answered()).isEqualTo(n);
    assertThat(s.latencyMs()).hasSize(RequestStats.MAX_SAMPLES);
    long late = s.latencyMs().stream().filter(v -> v == 2).count();
    // two thirds of the answers were 2 ms; a uniform sample of 1000 holds about 667 of them
    assertThat(late).isBetween(600L, 730L);
  }
}
