package dev.netmark.testing.local.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {
  @ParameterizedTest
  @CsvSource({
    "10.240.0.0/16, 10.240.0.0/16, 65536",
    "10.251.0.1, 10.251.0.1/32, 1",
    "0.0.0.0/0, 0.0.0.0/0, 4294967296",
    "255.255.255.254/31, 255.255.255.254/31, 2"
  })
  void parsesAndFormats(String text, String formatted, long size) {
    Cidr c = Cidr.parse(text);
    assertThat(c).hasToString(formatted);
    assertThat(c.size()).isEqualTo(size);
  }

  @ParameterizedTest
  @CsvSource({
    "10.240.0.0/16, 1, 24, 10.240.1.0/24",
    "10.240.0.0/16, 255, 24, 10.240.255.0/24",
    "10.240.0.0/16, 3, 26, 10.240.0.192/26",
    "10.240.0.0/12, 1, 16, 10.241.0.0/16"
  })
  void cutsSubnets(String cidr, int i, int len, String expected) {
    assertThat(Cidr.parse(cidr).subnet(i, len)).hasToString(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "10.240.0.0/16, 10.240.7.0/24, true",
    "10.240.7.0/24, 10.240.0.0/16, true",
    "10.240.0.0/16, 10.241.0.0/16, false",
    "10.240.0.0/12, 10.251.0.0/24, true",
    "0.0.0.0/0, 192.0.2.0/24, true",
    "192.0.2.0/24, 192.0.3.0/24, false"
  })
  void overlapIsSymmetric(String a, String b, boolean expected) {
    assertThat(Cidr.parse(a).overlaps(Cidr.parse(b))).isEqualTo(expected);
    assertThat(Cidr.parse(b).overlaps(Cidr.parse(a))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "10.240.0.1/16; has host bits set; did you mean 10.240.0.0/16?",
        "10.240.0.0/33; prefix length 33 is not in 0..32",
        "10.240.0/16; is not an IPv4 address",
        "10.256.0.0/16; has an octet outside 0..255",
        "ten/8; is not an IPv4"
      })
  void rejectsBadText(String text, String message) {
    assertThatThrownBy(() -> Cidr.parse(text)).hasMessageContaining(message);
  }

  @org.junit.jupiter.api.Test
  void addressesAndContainment() {
    Cidr c = Cidr.parse("10.241.0.0/16");
    assertThat(Ipv4.format(c.address(c.size() - 2))).isEqualTo("10.241.255.254");
    assertThat(c.contains(Ipv4.parse("10.241.3.4"))).isTrue();
    assertThat(c.contains(Ipv4.parse("10.242.0.0"))).isFalse();
    assertThatThrownBy(() -> c.address(65536)).hasMessageContaining("has no address number 65536");
    assertThatThrownBy(() -> Cidr.parse("10.240.0.0/16").subnet(256, 24))
        .hasMessageContaining("has only 256 /24 subnets, not 257");
  }
}
