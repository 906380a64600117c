package dev.netmark.measurements.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorMessagesTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "dial tcp 10.0.0.1:443: connect: connection refused | dial tcp <ip>: connect: connection refused",
        "address fe80::1/64 in use on eth0 | address <ip> in use on eth0",
        "pod 0b6a61e2-8f1c-4bd0-9a57-5c3b1d8e9f00 failed | pod <id> failed",
        "veth vethab12cd34 mac 0a:58:0a:f4:00:01 exists | veth vethab12cd34 mac <mac> exists",
        "[code 11] failed after 15.5 ms, attempt 3 | [code 11] failed after <n> ms, attempt <n>",
      })
  void normalizesVariableParts(String message, String expected) {
    assertThat(ErrorMessages.normalize(message)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "CNI ADD of network n for container c: plugin bridge failed after 1 ms: [code 11] x | bridge | 11",
        "creating network namespace: exit status 1 | - | -",
      })
  void readsPluginAndCode(String message, String plugin, String code) {
    assertThat(ErrorMessages.plugin(message)).isEqualTo(plugin);
    assertThat(ErrorMessages.code(message)).isEqualTo(code);
  }
}
