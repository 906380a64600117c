package dev.netmark.engine.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.engine.clock.FakeTicker;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetrierTest {
  private static final ObjectRef POD = new ObjectRef("v1", "Pod", "ns-1", "pod-3");
  private static final long MS = 1_000_000;
  private final FakeTicker ticker = new FakeTicker();
  private final RetryPolicy policy =
      new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(250), 2);

  private static KubernetesClientException status(int code) {
    return new KubernetesClientException("HTTP " + code, code, null);
  }

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @CsvSource({
    "429, RETRY",
    "500, RETRY",
    "502, RETRY",
    "503, RETRY",
    "504, RETRY",
    "501, FAIL",
    "409, CONFLICT",
    "404, NOT_FOUND",
    "400, FAIL",
    "403, FAIL",
    "422, FAIL"
  })
  void classifiesByStatus(int code, Retrier.Outcome outcome) {
    assertThat(Retrier.classify(status(code))).isEqualTo(outcome);
  }

  @Test
  void connectionErrorsAreRetriedOtherErrorsAreNot() {
    assertThat(Retrier.classify(new KubernetesClientException("x", new ConnectException("no"))))
        .isEqualTo(Retrier.Outcome.RETRY);
    assertThat(Retrier.classify(new IOException("reset"))).isEqualTo(Retrier.Outcome.RETRY);
    assertThat(Retrier.classify(new IllegalArgumentException("bad")))
        .isEqualTo(Retrier.Outcome.FAIL);
  }

  @Test
  void backsOffExponentiallyUpToTheMaximum() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String result =
        new Retrier(policy, ticker, () -> 1.0)
            .call(
                POD,
                "create",
                () -> {
                  if (calls.incrementAndGet() < 4) {
                    throw status(503);
                  }
                  return "ok";
                });
    assertThat(result).isEqualTo("ok");
    assertThat(calls).hasValue(4);
    // 100 ms, 200 ms, then capped at 250 ms; each sleep is measured from the failure.
    assertThat(ticker.sleptUntil()).containsExactly(100 * MS, 300 * MS, 550 * MS);
  }

  @Test
  void eachDelayIsJitteredBetweenHalfAndAllOfTheBackoff() throws Exception {
    double[] draws = {0.0, 0.5};
    AtomicInteger draw = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    new Retrier(policy, ticker, () -> draws[draw.getAndIncrement()])
        .call(
            POD,
            "create",
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw status(503);
              }
              return null;
            });
    // Backoffs 100 and 200 ms: the first at its half (50), the second at three quarters (150).
    assertThat(ticker.sleptUntil()).containsExactly(50 * MS, 200 * MS);
  }

  @Test
  void honoursRetryAfterWhenLongerThanTheBackoff() throws Exception {
    RetryPolicy slow = new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(5), 2);
    KubernetesClientException throttled =
        new KubernetesClientException(
            new StatusBuilder()
                .withCode(429)
                .withNewDetails()
                .withRetryAfterSeconds(2)
                .endDetails()
                .build());
    AtomicInteger calls = new AtomicInteger();
    new Retrier(slow, ticker)
        .call(
            POD,
            "create",
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw throttled;
              }
              return null;
            });
    assertThat(ticker.sleptUntil()).containsExactly(2000 * MS);
  }

  @Test
  void givesUpAfterMaxAttemptsNamingTheObject() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                new Retrier(policy, ticker)
                    .call(
                        POD,
                        "create",
                        () -> {
                          calls.incrementAndGet();
                          throw status(500);
                        }))
        .isInstanceOf(KubeObjectException.class)
        .hasMessage("Pod ns-1/pod-3: create failed after 4 attempts: HTTP 500 (HTTP 500)")
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    assertThat(calls).hasValue(4);
  }

  @Test
  void conflictFailsAtOnceWithTheObjectFields() {
    assertThatThrownBy(
            () ->
                new Retrier(policy, ticker)
                    .call(
                        POD,
                        "create",
                        () -> {
                          throw status(409);
                        }))
        .isInstanceOfSatisfying(
            KubeObjectException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.isConflict()).isTrue();
              assertThat(e.kind()).isEqualTo("Pod");
              assertThat(e.namespace()).isEqualTo("ns-1");
              assertThat(e.name()).isEqualTo("pod-3");
            })
        .hasMessageStartingWith("Pod ns-1/pod-3: create failed: already exists");
    assertThat(ticker.sleptUntil()).isEmpty();
  }
}
