package dev.netmark.bench.apptraffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.testing.local.host.Netns;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The raw side of app-traffic in real namespaces: GETs of each size answered, nothing left. */
class RawHttpIT {
  @Test
  void getsOfEachSizeAreAnsweredAcrossTheBridgeAndTheNamespacesGo() throws Exception {
    AtomicInteger sent = new AtomicInteger();
    Map<Integer, List<Double>> got;
    try (RawHttp raw = RawHttp.start("nrt", "10.169.1")) {
      got = raw.get(List.of(0, 4096), 200, () -> sent.getAndIncrement() >= 20);
    }
    assertThat(got).containsOnlyKeys(0, 4096);
    assertThat(got.get(0)).hasSize(10).allMatch(ms -> ms > 0);
    assertThat(got.get(4096)).hasSize(10).allMatch(ms -> ms > 0);
    for (String ns : List.of("nrt-raw-a", "nrt-raw-b", "nrt-raw-br")) {
      assertThat(Netns.path(ns)).doesNotExist();
    }
  }
}
