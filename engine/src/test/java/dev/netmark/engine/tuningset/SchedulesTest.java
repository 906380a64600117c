package dev.netmark.engine.tuningset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchedulesTest {
  private static final long MS = 1_000_000;

  @Test
  void qpsStartsActionKAtKOverQps() {
    long[] offsets = Schedules.qps(100, 20);
    assertThat(offsets).hasSize(100);
    for (int k = 0; k < 100; k++) {
      assertThat(offsets[k]).as("offset %d", k).isEqualTo(k * 50 * MS);
    }
  }

  @ParameterizedTest(name = "qps {0}: action {1} at {2} ns")
  @CsvSource({"200, 1999, 9995000000", "3, 1, 333333333", "3, 2, 666666667", "0.5, 3, 6000000000"})
  void qpsRoundsToTheNearestNanosecond(double qps, int k, long expected) {
    assertThat(Schedules.qps(k + 1, qps)[k]).isEqualTo(expected);
  }

  @Test
  void steppedSendsBurstsStepDelayApart() {
    assertThat(Schedules.stepped(7, 3, Duration.ofSeconds(1)))
        .containsExactly(0, 0, 0, 1000 * MS, 1000 * MS, 1000 * MS, 2000 * MS);
  }

  @Test
  void timeLimitedSpreadsEvenlyOverTheLimit() {
    assertThat(Schedules.timeLimited(4, Duration.ofSeconds(10)))
        .containsExactly(0, 2500 * MS, 5000 * MS, 7500 * MS);
    assertThat(Schedules.timeLimited(0, Duration.ofSeconds(10))).isEmpty();
  }

  @Test
  void randomizedGapsAreUniformBelowTwiceTheMeanGap() {
    long[] offsets = Schedules.randomized(20_001, 100, new Random(42));
    assertThat(offsets[0]).isZero();
    double[] gaps = gaps(offsets);
    assertThat(Arrays.stream(gaps).max().orElseThrow()).isLessThan(20 * MS);
    assertThat(Arrays.stream(gaps).min().orElseThrow()).isGreaterThanOrEqualTo(0);
    // Uniform on [0, 20 ms): mean 10 ms, standard deviation 20/sqrt(12) = 5.77 ms.
    assertThat(mean(gaps) / MS).isCloseTo(10, within(0.15));
    assertThat(stddev(gaps) / MS).isCloseTo(5.77, within(0.15));
  }

  @Test
  void randomizedTimeLimitedIsSortedAndWithinTheLimit() {
    long limit = 60_000 * MS;
    long[] offsets = Schedules.randomizedTimeLimited(10_000, Duration.ofMinutes(1), new Random(7));
    assertThat(offsets).isSorted();
    assertThat(offsets[0]).isGreaterThanOrEqualTo(0);
    assertThat(offsets[offsets.length - 1]).isLessThan(limit);
    // Uniform on [0, 60 s): mean 30 s with a standard error of 0.17 s.
    assertThat(Arrays.stream(offsets).average().orElseThrow() / 1e9).isCloseTo(30, within(0.6));
  }

  @Test
  void poissonGapsAreExponentialWithMeanOneOverRate() {
    long[] offsets = Schedules.poisson(50_001, 50, new Random(1234));
    assertThat(offsets[0]).isZero();
    double[] gaps = gaps(offsets);
    // Exponential with rate 50/s: mean and standard deviation both 20 ms; the standard error of
    // the mean over 50k gaps is 0.09 ms.
    assertThat(mean(gaps) / MS).isCloseTo(20, within(0.4));
    assertThat(stddev(gaps) / MS).isCloseTo(20, within(0.6));
    // P(gap > mean) = 1/e for an exponential.
    double above = Arrays.stream(gaps).filter(g -> g > 20 * MS).count() / (double) gaps.length;
    assertThat(above).isCloseTo(Math.exp(-1), within(0.01));
  }

  @Test
  void sameSeedSameSchedule() {
    assertThat(Schedules.poisson(100, 5, new Random(3)))
        .containsExactly(Schedules.poisson(100, 5, new Random(3)));
  }

  private static double[] gaps(long[] offsets) {
    double[] gaps = new double[offsets.length - 1];
    for (int i = 1; i < offsets.length; i++) {
      gaps[i - 1] = offsets[i] - offsets[i - 1];
    }
    return gaps;
  }

  private static double mean(double[] xs) {
    return Arrays.stream(xs).average().orElseThrow();
  }

  private static double stddev(double[] xs) {
    double m = mean(xs);
    return Math.sqrt(Arrays.stream(xs).map(x -> (x - m) * (x - m)).sum() / (xs.length - 1));
  }
}
