package dev.netmark.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PercentilesTest {
  private static final double[] ONE_TO_HUNDRED =
      IntStream.rangeClosed(1, 100).asDoubleStream().toArray();
  private static final double[] TEN = {15, 20, 35, 40, 50, 3, 7, 9, 11, 13};

  @ParameterizedTest(name = "1..100 p{0} = {1}")
  @CsvSource({"50,50", "90,90", "99,99", "100,100", "0.5,1", "1,1", "1.5,2", "99.5,100"})
  void nearestRankOfOneToHundred(double p, double expected) {
    assertThat(Percentiles.of(ONE_TO_HUNDRED).get(p)).isEqualTo(expected);
  }

  // Sorted: 3 7 9 11 13 15 20 35 40 50; rank = ceil(p/100 * 10).
  @ParameterizedTest(name = "ten values p{0} = {1}")
  @CsvSource({"10,3", "20,7", "25,9", "50,13", "51,15", "90,40", "91,50", "99,50"})
  void nearestRankOfTenUnsortedValues(double p, double expected) {
    assertThat(Percentiles.of(TEN).get(p)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "single value p{0}")
  @CsvSource({"1", "50", "99", "100"})
  void aSingleValueIsEveryPercentile(double p) {
    assertThat(Percentiles.of(42.0).get(p)).isEqualTo(42.0);
  }

  @org.junit.jupiter.api.Test
  void perfdashHasPerc50Perc90Perc99InOrder() {
    assertThat(Percentiles.of(ONE_TO_HUNDRED).perfdash())
        .containsExactly(
            java.util.Map.entry("Perc50", 50.0),
            java.util.Map.entry("Perc90", 90.0),
            java.util.Map.entry("Perc99", 99.0));
    assertThat(Percentiles.of(TEN).max()).isEqualTo(50.0);
    assertThat(Percentiles.of(TEN).count()).isEqualTo(10);
  }

  @org.junit.jupiter.api.Test
  void rejectsEmptyAndOutOfRange() {
    assertThatThrownBy(() -> Percentiles.of(new double[0]).get(50))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no values");
    assertThatThrownBy(() -> Percentiles.of(1, 2).get(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(0, 100]");
    assertThatThrownBy(() -> Percentiles.of(1, 2).get(101))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
