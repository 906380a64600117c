package dev.netmark.shim.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.shim.metrics.TrafficKeys;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real outputs captured from iperf3 3.12 and iputils ping on loopback (test resources). */
class ToolOutputTest {
  private static String resource(String name) throws Exception {
    try (InputStream in = ToolOutputTest.class.getResourceAsStream("/traffic/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void iperf3TcpGivesReceiverRateAndRetransmits() throws Exception {
    ToolOutput.Parsed p = ToolOutput.parse(Tool.IPERF3, resource("iperf3-tcp.json"));
    assertThat(p.error()).isNull();
    assertThat(p.results())
        .isEqualTo(
            Map.of(TrafficKeys.BITS_PER_SECOND, 5341219480.95798, TrafficKeys.RETRANSMITS, 5.0));
  }

  @Test
  void iperf3UdpGivesRateJitterAndLoss() throws Exception {
    ToolOutput.Parsed p = ToolOutput.parse(Tool.IPERF3, resource("iperf3-udp.json"));
    assertThat(p.results())
        .isEqualTo(
            Map.of(
                TrafficKeys.BITS_PER_SECOND, 10194398.852887623,
                TrafficKeys.JITTER_MS, 0.03545006790079995,
                TrafficKeys.LOST_PERCENT, 0.0));
  }

  @Test
  void iperf3ErrorsAndGarbage() throws Exception {
    ToolOutput.Parsed refused = ToolOutput.parse(Tool.IPERF3, resource("iperf3-refused.json"));
    assertThat(refused.error()).isEqualTo("unable to connect to server: Connection refused");
    assertThat(refused.results()).isEmpty();
    assertThat(ToolOutput.parse(Tool.IPERF3, "").error())
        .startsWith("iperf3 printed no JSON result");
    assertThat(ToolOutput.parse(Tool.IPERF3, "iperf3: error").error())
        .startsWith("iperf3 printed no JSON");
  }

  @Test
  void iperf3TurnedAwayByABusyServerExitsZeroAndSaysSoOnlyInItsJson() throws Exception {
    // A second client of a one-client server, captured with its exit code 0.
    ToolOutput.Parsed busy = ToolOutput.parse(Tool.IPERF3, resource("iperf3-busy.json"));
    assertThat(busy.serverBusy()).isTrue();
    assertThat(busy.results()).isEmpty();
    assertThat(ToolOutput.parse(Tool.IPERF3, resource("iperf3-refused.json")).serverBusy())
        .isFalse();
    assertThat(ToolOutput.parse(Tool.IPERF3, resource("iperf3-tcp.json")).serverBusy()).isFalse();
    assertThat(ToolOutput.parse(Tool.IPERF3, "").serverBusy()).isFalse();
  }

  @Test
  void pingSummaryAndCurlStatus() throws Exception {
    ToolOutput.Parsed ping = ToolOutput.parse(Tool.PING, resource("ping-loopback.txt"));
    assertThat(ping.results())
        .isEqualTo(Map.of(TrafficKeys.LOST_PERCENT, 0.0, TrafficKeys.RTT_AVG_MS, 0.092));
    assertThat(ToolOutput.parse(Tool.CURL, "200").results())
        .isEqualTo(Map.of(TrafficKeys.HTTP_CODE, 200.0));
    assertThat(ToolOutput.parse(Tool.CURL, "").results()).isEmpty();
  }
}
