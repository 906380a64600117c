package dev.netmark.engine.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScaleTest {
  @Test
  void linearScaleHasNiceTicksAndEnds() {
    Scale s = Scale.linear(0, 41, 0, 100);
    // 41 / 5 = 8.2 -> step 10, top rounded up to 50.
    assertThat(s.max()).isEqualTo(50.0);
    assertThat(s.ticks()).containsExactly(0.0, 10.0, 20.0, 30.0, 40.0, 50.0);
    assertThat(s.px(25)).isEqualTo(50.0);
  }

  @Test
  void skewedLatenciesGetALogScaleByDecade() {
    Scale s = Scale.forLatencies(1.2, 480, 0, 300);
    assertThat(s.log()).isTrue();
    assertThat(s.min()).isEqualTo(1.0);
    assertThat(s.max()).isEqualTo(1000.0);
    assertThat(s.px(10)).isEqualTo(100.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s.ticks()).containsExactly(1.0, 10.0, 100.0, 1000.0);
    assertThat(Scale.forLatencies(30, 90, 0, 300).log()).isFalse();
  }

  @Test
  void cdfStepsDrawEveryRankOfSmallSets() {
    double[][] pts = CdfChart.steps(new double[] {1, 2, 4, 8});
    assertThat(pts[0]).containsExactly(1, 1, 2, 2, 4, 4, 8, 8);
    assertThat(pts[1]).containsExactly(0, 0.25, 0.25, 0.5, 0.5, 0.75, 0.75, 1);
    assertThat(CdfChart.steps(new double[10_000])[0]).hasSize(2 * CdfChart.POINTS);
  }
}
