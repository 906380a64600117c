package dev.netmark.measurements.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.netmark.api.MetricSource.Histogram;
import org.junit.jupiter.api.Test;

class BucketQuantileTest {
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final double[] BOUNDS = {0.05, 0.1, 0.2, INF};

  @Test
  void interpolatesLikeHistogramQuantile() {
    // Start [1, 2, 2, 2], gather [3, 8, 10, 11]: window [2, 6, 8, 9], 9 observations.
    Histogram window =
        BucketQuantile.delta(
            new Histogram(BOUNDS, new long[] {3, 8, 10, 11}, 1.0, null),
            new Histogram(BOUNDS, new long[] {1, 2, 2, 2}, 0.1, null));
    assertThat(window.cumulativeCounts()).containsExactly(2, 6, 8, 9);
    assertThat(window.sum()).isCloseTo(0.9, within(1e-12));
    // q=0.1: rank 0.9 in bucket 0 -> 0 + 0.05 * 0.9/2 = 0.0225.
    assertThat(BucketQuantile.quantile(window, 0.1)).isCloseTo(0.0225, within(1e-12));
    // q=0.5: rank 4.5 in bucket 1 (2 below, 4 inside) -> 0.05 + 0.05 * 2.5/4 = 0.08125.
    assertThat(BucketQuantile.quantile(window, 0.5)).isCloseTo(0.08125, within(1e-12));
    // q=0.8: rank 7.2 in bucket 2 (6 below, 2 inside) -> 0.1 + 0.1 * 1.2/2 = 0.16.
    assertThat(BucketQuantile.quantile(window, 0.8)).isCloseTo(0.16, within(1e-12));
    // q=0.9: rank 8.1 falls in +Inf -> the highest finite bound, 0.2.
    assertThat(BucketQuantile.quantile(window, 0.9)).isEqualTo(0.2);
  }

  @Test
  void emptyOrMalformedIsNaN() {
    assertThat(BucketQuantile.quantile(new Histogram(BOUNDS, new long[4], 0, null), 0.5)).isNaN();
    assertThat(
            BucketQuantile.quantile(
                new Histogram(new double[] {0.1, 1}, new long[] {1, 2}, 0, null), 0.5))
        .isNaN();
  }

  @Test
  void shrunkBucketsAreClampedAndReported() {
    Histogram later = new Histogram(BOUNDS, new long[] {1, 5, 5, 5}, 0, null);
    Histogram earlier = new Histogram(BOUNDS, new long[] {2, 3, 3, 3}, 0, null);
    // Raw differences -1, 2, 2, 2: the first is clamped to 0.
    assertThat(BucketQuantile.delta(later, earlier).cumulativeCounts()).containsExactly(0, 2, 2, 2);
    assertThat(BucketQuantile.shrank(later, earlier)).isTrue();
    assertThat(BucketQuantile.shrank(earlier, new Histogram(BOUNDS, new long[4], 0, null)))
        .isFalse();
  }
}
