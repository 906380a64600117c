package dev.netmark.shim.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.shim.traffic.TrafficRefusedException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppParserTest {
  private static AppCommand parse(String line) {
    return AppParser.parse(List.of(), Arrays.asList(line.split(" "))).orElseThrow();
  }

  @Test
  void serveForms() {
    assertThat(parse("netmark-serve http 8080 --body 1024"))
        .isEqualTo(new ServeCommand("http", 8080, 1024));
    assertThat(parse("netmark-serve http 80")).isEqualTo(new ServeCommand("http", 80, 0));
    assertThat(parse("netmark-serve tcp-echo 9000"))
        .isEqualTo(new ServeCommand("tcp-echo", 9000, 0));
    assertThat(parse("netmark-serve tcp-sink 9001"))
        .isEqualTo(new ServeCommand("tcp-sink", 9001, 0));
  }

  @Test
  void callFormsWithDefaults() {
    assertThat(
            AppParser.parse(
                List.of("netmark-call"),
                List.of("frontend->backend", "http", "$(SERVICE:backend)", "--rate", "10")))
        .contains(
            new CallCommand(
                "frontend->backend",
                "http",
                "service",
                "backend",
                10.0,
                0,
                Duration.ZERO,
                Duration.ofSeconds(2)));
    assertThat(
            parse(
                "netmark-call a->db tcp $(POD:db) --rate 0.5 --size 4096 --duration 5m --timeout"
                    + " 500ms"))
        .isEqualTo(
            new CallCommand(
                "a->db",
                "tcp",
                "pod",
                "db",
                0.5,
                4096,
                Duration.ofMinutes(5),
                Duration.ofMillis(500)));
    assertThat(parse("netmark-call a->b icmp $(POD:b) --rate 1000 --size 56 --duration 0"))
        .isEqualTo(
            new CallCommand(
                "a->b", "icmp", "pod", "b", 1000, 56, Duration.ZERO, Duration.ofSeconds(2)));
  }

  @Test
  void anHttpSizeUpToTheServersBoundIsTheRequestBody() {
    assertThat(parse("netmark-call a->b http $(SERVICE:b) --rate 1 --size " + HttpRequest.MAX_BODY))
        .isEqualTo(
            new CallCommand(
                "a->b", "http", "service", "b", 1, 1 << 20, Duration.ZERO, Duration.ofSeconds(2)));
  }

  @Test
  void otherCommandsAreLeftToTheTrafficParser() {
    assertThat(AppParser.parse(List.of("ping"), List.of("-c", "1", "$(SERVICE)"))).isEmpty();
    assertThat(AppParser.parse(List.of(), List.of())).isEqualTo(Optional.empty());
    assertThat(AppParser.parse(List.of("/usr/bin/netmark-serve"), List.of("http", "80"))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown service      | netmark-serve udp 80                | netmark-serve: serves http,"
            + " tcp-echo or tcp-sink, found 'udp'",
        "no port              | netmark-serve http                  | netmark-serve: missing PORT",
        "port zero            | netmark-serve http 0                | netmark-serve: PORT must be"
            + " 1..65535, found 0",
        "port too big         | netmark-serve tcp-echo 65536        | netmark-serve: PORT must be"
            + " 1..65535, found 65536",
        "port not a number    | netmark-serve http 8o               | netmark-serve: PORT needs an"
            + " integer, found '8o'",
        "body too big         | netmark-serve http 80 --body 1048577 | netmark-serve: --body must"
            + " be 0..1048576, found 1048577",
        "body on tcp          | netmark-serve tcp-sink 80 --body 1  | netmark-serve: unknown option"
            + " --body (allowed: no options for tcp-sink)",
        "body twice           | netmark-serve http 80 --body 1 --body 2 | netmark-serve: option"
            + " --body given twice",
        "body without value   | netmark-serve http 80 --body        | netmark-serve: missing --body",
        "shell in a word      | netmark-serve http 80;reboot        | netmark-serve: argument 2"
            + " '80;reboot' is not allowed here: expected PORT (no shell)",
        "stray word           | netmark-serve http 80 x             | netmark-serve: argument 3 'x':"
            + " expected an option such as --rate",
        "bad edge             | netmark-call a>b http $(SERVICE:b) --rate 1 | netmark-call: EDGE must"
            + " be <client tier>-><server tier>, found 'a>b'",
        "edge upper case      | netmark-call A->b http $(SERVICE:b) --rate 1 | netmark-call: EDGE"
            + " must be <client tier>-><server tier>, found 'A->b'",
        "bad protocol         | netmark-call a->b udp $(SERVICE:b) --rate 1 | netmark-call:"
            + " PROTOCOL must be http, tcp or icmp, found 'udp'",
        "literal target       | netmark-call a->b http 10.0.0.1 --rate 1 | netmark-call: TARGET"
            + " must be $(SERVICE:<tier>) or $(POD:<tier>), found '10.0.0.1'",
        "control placeholder  | netmark-call a->b http $(SERVICE) --rate 1 | netmark-call: TARGET"
            + " must be $(SERVICE:<tier>) or $(POD:<tier>), found '$(SERVICE)'",
        "other tier           | netmark-call a->b http $(POD:c) --rate 1 | netmark-call: TARGET"
            + " '$(POD:c)' names tier c but the edge's server tier is b",
        "no rate              | netmark-call a->b http $(POD:b)       | netmark-call: --rate is"
            + " required (requests per second, 0.1..1000)",
        "rate zero            | netmark-call a->b http $(POD:b) --rate 0 | netmark-call: --rate"
            + " must be 0.1..1000, found 0",
        "rate too high        | netmark-call a->b http $(POD:b) --rate 1001 | netmark-call: --rate"
            + " must be 0.1..1000, found 1001",
        "rate not a number    | netmark-call a->b http $(POD:b) --rate 1e3 | netmark-call: --rate"
            + " needs a decimal number, found '1e3'",
        "size too big         | netmark-call a->b tcp $(POD:b) --rate 1 --size 1048577 |"
            + " netmark-call: --size must be 0..1048576, found 1048577",
        "http size too big    | netmark-call a->b http $(SERVICE:b) --rate 1 --size 1048577 |"
            + " netmark-call: --size must be 0..1048576, found 1048577",
        "http size negative   | netmark-call a->b http $(SERVICE:b) --rate 1 --size -1 |"
            + " netmark-call: --size needs an integer, found '-1'",
        "http size with unit  | netmark-call a->b http $(SERVICE:b) --rate 1 --size 1k |"
            + " netmark-call: --size needs an integer, found '1k'",
        "http size twice      | netmark-call a->b http $(SERVICE:b) --rate 1 --size 1 --size 2 |"
            + " netmark-call: option --size given twice",
        "icmp size too big    | netmark-call a->b icmp $(POD:b) --rate 1 --size 65500 |"
            + " netmark-call: --size must be 0..65499, found 65500",
        "duration no unit     | netmark-call a->b http $(POD:b) --rate 1 --duration 30 |"
            + " netmark-call: --duration needs a duration such as 500ms, 30s, 5m or 1h, found '30'",
        "duration too long    | netmark-call a->b http $(POD:b) --rate 1 --duration 25h |"
            + " netmark-call: --duration must be 0..86400s, found 25h",
        "timeout zero         | netmark-call a->b http $(POD:b) --rate 1 --timeout 0 |"
            + " netmark-call: --timeout must be 1ms..60s, found 0",
        "unknown option       | netmark-call a->b http $(POD:b) --rate 1 --burst 5 | netmark-call:"
            + " unknown option --burst (allowed: --rate, --size, --duration, --timeout)",
        "rate twice           | netmark-call a->b http $(POD:b) --rate 1 --rate 2 | netmark-call:"
            + " option --rate given twice",
        "no target            | netmark-call a->b http              | netmark-call: missing TARGET"
            + " ($(SERVICE:tier) or $(POD:tier))",
      })
  void refusesEachBadArgumentByName(String name, String line, String message) {
    assertThatThrownBy(() -> parse(line))
        .isInstanceOf(TrafficRefusedException.class)
        .hasMessage(message);
  }

  @Test
  void boundsTheWords() {
    assertThatThrownBy(
            () ->
                AppParser.parse(
                    List.of("netmark-serve"), Collections.nCopies(AppParser.MAX_ARGS, "x")))
        .hasMessage("netmark-serve: too many arguments: 17 (at most 16)");
    assertThatThrownBy(
            () -> AppParser.parse(List.of("netmark-serve"), List.of("http", "8".repeat(129))))
        .hasMessage("netmark-serve: argument 2 must be 1-128 characters long");
    assertThatThrownBy(() -> AppParser.parse(List.of("netmark-serve"), List.of("http", "")))
        .hasMessage("netmark-serve: argument 2 must be 1-128 characters long");
  }
}
