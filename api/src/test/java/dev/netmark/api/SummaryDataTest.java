package dev.netmark.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryDataTest {
  private static TimeSeries series() {
    return new TimeSeries(0, 1000, new long[] {1}, Map.of());
  }

  @Test
  void aSummaryWithoutDataHasNoneAndKeepsItWhenNotesChange() {
    Summary plain = new Summary("PodCount", List.of());
    assertThat(plain.data()).isSameAs(SummaryData.NONE);
    assertThat(SummaryData.NONE.isEmpty()).isTrue();
    SummaryData data =
        new SummaryData(
            7,
            List.of(new SampleSet(Map.of("Metric", "pods"), "count", new double[] {2})),
            List.of(),
            List.of());
    Summary withData = plain.withData(data).withNotes(List.of("a note"));
    assertThat(withData.data()).isSameAs(data);
    assertThat(withData.notes()).containsExactly("a note");
    assertThat(data.isEmpty()).isFalse();
  }

  @Test
  void samplesAreCopiedAndKeepTheirLabelOrder() {
    double[] values = {1, 2};
    Map<String, String> labels = new java.util.LinkedHashMap<>();
    labels.put("Phase", "1");
    labels.put("Metric", "cni_add");
    SampleSet set = new SampleSet(labels, "ms", values);
    values[0] = 99;
    set.values()[1] = 99;
    assertThat(set.values()).containsExactly(1, 2);
    assertThat(set.labels().keySet()).containsExactly("Phase", "Metric");
    assertThat(set.metric()).isEqualTo("cni_add");
  }

  @Test
  void badDataIsRefusedWithWhatWasGiven() {
    assertThatThrownBy(() -> new SummaryData(1, List.of(), List.of(series(), series()), List.of()))
        .hasMessage("a summary has at most one time series, was given 2");
    assertThatThrownBy(
            () ->
                new SummaryData(
                    1,
                    List.of(),
                    List.of(),
                    List.of(new DataFile("pods", 1), new DataFile("pods", 2))))
        .hasMessage("a summary's data files need different kinds, were [pods, pods]");
    assertThatThrownBy(() -> new DataFile("samples", 1))
        .hasMessage(
            "a data file's kind is a lower-case word other than samples and timeseries, was 'samples'");
    assertThatThrownBy(() -> new DataFile("Per_Pod", 1)).hasMessageContaining("was 'Per_Pod'");
    assertThatThrownBy(() -> new TimeSeries(0, 0, new long[0], Map.of()))
        .hasMessage("intervalMs must be above 0, was 0");
  }
}
