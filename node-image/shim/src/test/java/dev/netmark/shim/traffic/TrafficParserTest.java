package dev.netmark.shim.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.contract.ProbeTargets;
import dev.netmark.contract.ProbeTargets.ProbePolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrafficParserTest {
  static final ProbeTargets TARGETS =
      new ProbeTargets(
          Map.of("node-a", List.of("10.0.1.5"), "node-b", List.of("10.0.2.5")),
          8080,
          5201,
          "10.96.0.10",
          80,
          "192.0.2.1",
          "http://192.0.2.1:8080/x",
          ProbePolicy.defaults());

  private static TrafficCommand parse(String line) {
    return TrafficParser.parse(List.of(), Arrays.asList(line.split(" ")));
  }

  @Test
  void iperf3ClientIsResolvedWithJsonAndTheControlPort() {
    TrafficCommand c =
        TrafficParser.parse(
            List.of("iperf3"), List.of("-c", "$(CONTROL_SAME_NODE)", "-t", "1", "-P", "2"));
    assertThat(c.tool()).isEqualTo(Tool.IPERF3);
    assertThat(c.target()).isEqualTo(Placeholder.CONTROL_SAME_NODE);
    assertThat(c.timeLimit()).isEqualTo(Duration.ofSeconds(16));
    assertThat(c.resolve(TARGETS, "node-a", new Random(1)))
        .containsExactly(
            "/usr/bin/iperf3",
            "-c",
            "10.0.1.5",
            "-p",
            "5201",
            "-t",
            "1",
            "-P",
            "2",
            "-J",
            "--connect-timeout",
            "3000");
  }

  @Test
  void iperf3SizesAndRates() {
    assertThat(parse("/usr/bin/iperf3 -c $(CONTROL_REMOTE) -u -b 100M -l 1K -n 1G -R -J").args())
        .containsExactly(
            "-c",
            "$(CONTROL_REMOTE)",
            "-u",
            "-b",
            "100000000",
            "-l",
            "1024",
            "-n",
            "1073741824",
            "-R",
            "-J",
            "--connect-timeout",
            "3000");
    assertThat(parse("iperf3 -c $(SERVICE) -n 1G").timeLimit()).isEqualTo(Duration.ofSeconds(135));
    assertThat(parse("iperf3 -c $(CONTROL_REMOTE)").resolve(TARGETS, "node-a", new Random(3)))
        .contains("10.0.2.5");
  }

  @Test
  void pingAndCurl() {
    TrafficCommand ping = parse("ping -c 3 -i 0.2 -W 1 -q $(EXTERNAL)");
    assertThat(ping.resolve(TARGETS, "node-a", new Random()))
        .containsExactly("/usr/bin/ping", "-c", "3", "-i", "0.2", "-W", "1", "-q", "192.0.2.1");
    assertThat(ping.timeLimit()).isEqualTo(Duration.ofSeconds(7));
    TrafficCommand curl = parse("curl -s -o /dev/null $(SERVICE_URL)");
    assertThat(curl.resolve(TARGETS, "node-a", new Random()))
        .containsExactly(
            "/usr/bin/curl",
            "-q",
            "-s",
            "-o",
            "/dev/null",
            "-m",
            "30",
            "-w",
            "%{http_code}",
            "http://10.96.0.10:80/");
    assertThat(
            parse("curl -o /dev/null -m 5 $(CONTROL_SAME_NODE_URL)")
                .resolve(TARGETS, "node-a", new Random()))
        .contains("http://10.0.1.5:8080/", "5");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '~',
      value = {
        "sh -c iperf3                           => 'sh' is not allowed",
        "/bin/sh -c ping                        => '/bin/sh' is not allowed",
        "/tmp/iperf3 -c $(SERVICE)              => '/tmp/iperf3' is not allowed",
        "/usr/local/bin/curl -o /dev/null $(SERVICE_URL) => '/usr/local/bin/curl' is not allowed",
        "python3 -m http.server                 => 'python3' is not allowed",
        "iperf3 -c $(SERVICE);reboot            => contains ';'",
        "iperf3 -c $(SERVICE) -t 1|true         => contains '|'",
        "iperf3 -c `whoami`                     => contains '`'",
        "ping -c 1 $(SERVICE)&&rm               => contains '&'",
        "curl -o /dev/null $(SERVICE_URL)>x     => contains '>'",
        "iperf3 -c $(HOME)                      => not a known placeholder",
        "iperf3 -c ${SERVICE}                   => contains '{'",
        "iperf3 -c 10.0.0.1                     => the target must be an IP placeholder",
        "iperf3 -c $(SERVICE_URL)               => the target must be an IP placeholder",
        "iperf3 -s                              => server mode is not allowed",
        "iperf3 -c $(SERVICE) --logfile /etc/x  => option '--logfile' is not allowed",
        "iperf3 -c $(SERVICE) -t 86400          => option -t must be 1..120, found 86400",
        "iperf3 -c $(SERVICE) -t 0              => option -t must be 1..120, found 0",
        "iperf3 -c $(SERVICE) -t 1e9            => option -t needs an integer",
        "iperf3 -c $(SERVICE) -P 128            => option -P must be 1..16",
        "iperf3 -c $(SERVICE) -n 100G           => option -n must be 1..10737418240",
        "iperf3 -c $(SERVICE) -c $(SERVICE)     => -c given twice",
        "iperf3 -t 5                            => client mode only",
        "iperf3 -c                              => option -c needs a value",
        "iperf3 -c $(SERVICE) -p 22             => option '-p' is not allowed",
        "ping $(SERVICE)                        => -c COUNT is required",
        "ping -c 1000000 $(SERVICE)             => option -c must be 1..1000",
        "ping -c 1000 -i 10 $(SERVICE)          => runs longer than 300 s",
        "ping -c 1 -f $(SERVICE)                => option '-f' is not allowed",
        "ping -c 1 $(SERVICE) $(EXTERNAL)       => only one target is allowed",
        "ping -c 1 10.0.0.1                     => the target must be an IP placeholder",
        "curl $(SERVICE_URL)                    => -o /dev/null is required",
        "curl -o /etc/passwd $(SERVICE_URL)     => -o must be /dev/null",
        "curl -o /dev/null http://evil/         => the target must be a URL placeholder",
        "curl -o /dev/null -K /etc/x $(SERVICE_URL) => option '-K' is not allowed",
        "curl -o /dev/null -m 3600 $(SERVICE_URL) => option -m must be 1..60",
      })
  void refusesWithAReason(String line, String reason) {
    assertThatThrownBy(() -> parse(line))
        .isInstanceOf(TrafficRefusedException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void refusesEmptyOverlongAndNonAscii() {
    assertThatThrownBy(() -> TrafficParser.parse(List.of(), List.of()))
        .hasMessageContaining("no command");
    assertThatThrownBy(() -> TrafficParser.parse(null, null)).hasMessageContaining("no command");
    assertThatThrownBy(
            () -> TrafficParser.parse(List.of("ping", "-c", "1", "x".repeat(200)), List.of()))
        .hasMessageContaining("1-128 characters");
    assertThatThrownBy(
            () -> TrafficParser.parse(List.of("ping", "-c", "1", "$(SERVICE)\n"), List.of()))
        .hasMessageContaining("shell syntax");
    assertThatThrownBy(
            () -> TrafficParser.parse(List.of("ping", "-c", "1", "$(SERVICE) "), List.of()))
        .hasMessageContaining("shell syntax");
    assertThatThrownBy(() -> TrafficParser.parse(List.of("pıng"), List.of()))
        .hasMessageContaining("shell syntax");
    assertThatThrownBy(
            () -> TrafficParser.parse(List.of("ping"), java.util.Collections.nCopies(40, "-q")))
        .hasMessageContaining("too many arguments");
  }

  @Test
  void unresolvableTargetsAreRefusedAtRunTime() {
    ProbeTargets lonely =
        new ProbeTargets(
            Map.of("node-a", List.of("10.0.1.5")),
            8080,
            5201,
            null,
            0,
            null,
            null,
            ProbePolicy.defaults());
    assertThatThrownBy(
            () -> parse("iperf3 -c $(CONTROL_REMOTE)").resolve(lonely, "node-a", new Random()))
        .hasMessageContaining("no control pod on any node other than node-a");
    assertThatThrownBy(() -> parse("ping -c 1 $(SERVICE)").resolve(lonely, "node-a", new Random()))
        .hasMessageContaining("no serviceIp");
    assertThatThrownBy(
            () -> parse("ping -c 1 $(CONTROL_SAME_NODE)").resolve(lonely, "node-z", new Random()))
        .hasMessageContaining("no control pod on node node-z");
  }
}
