package dev.netmark.testing.local.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTest {
  static String sample() throws IOException {
    try (var in = RouteTest.class.getResourceAsStream("ip-route-table-all.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void parsesEveryKindOfLineAndSkipsNextHops() throws IOException {
    List<Route> routes = Route.parseAll(sample());
    assertThat(routes).hasSize(10);
    assertThat(routes)
        .extracting(r -> r.type() + " " + r.destination() + " " + r.device() + " " + r.table())
        .containsExactly(
            "unicast 0.0.0.0/0 eth0 main",
            "unicast 10.96.0.0/12 eth0 main",
            "unicast 10.241.7.0/24 docker0 main",
            "unicast 10.240.1.0/24 nml-host main",
            "unicast 192.0.2.0/24 eth0 main",
            "blackhole 10.250.3.0/24  main",
            "unicast 0.0.0.0/0  main",
            "local 10.241.255.254/32 nml-host local",
            "local 127.0.0.0/8 lo local",
            "broadcast 192.0.2.255/32 eth0 local");
  }

  @Test
  void namesTheLineItCannotRead() {
    assertThatThrownBy(() -> Route.parseAll("weird 10.0.0.0/99 dev x\n"))
        .hasMessageContaining("cannot read route 'weird 10.0.0.0/99 dev x'");
  }
}
