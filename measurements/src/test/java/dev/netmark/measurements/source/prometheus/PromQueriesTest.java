package dev.netmark.measurements.source.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PromQueriesTest {
  @Test
  void selectorAndSeriesLabelsAreCombinedAndEscaped() {
    PromQueries q = new PromQueries("job=\"shims\"");
    assertThat(q.buckets("netmark_x", Map.of("target", "a\"b\\c", "b", "1")))
        .isEqualTo("sum by (le) (netmark_x_bucket{job=\"shims\",b=\"1\",target=\"a\\\"b\\\\c\"})");
    assertThat(q.sum("netmark_x", Map.of())).isEqualTo("sum(netmark_x_sum{job=\"shims\"})");
    assertThat(q.scrapeTimes()).isEqualTo("timestamp(up{job=\"shims\"})");
    assertThat(q.anyShimSeries()).isEqualTo("count({job=\"shims\",__name__=~\"netmark_.+\"})");
  }

  @Test
  void noSelectorGivesEmptyBraces() {
    PromQueries q = new PromQueries("");
    assertThat(q.up()).isEqualTo("up{}");
    assertThat(q.buckets("m", Map.of())).isEqualTo("sum by (le) (m_bucket{})");
    assertThat(q.anyShimSeries()).isEqualTo("count({__name__=~\"netmark_.+\"})");
  }
}
