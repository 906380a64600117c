package dev.netmark.testing.local.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RawCniAddsTest {
  @Test
  void addTimesAndPingSendTimesComeFromTheScriptsLines() {
    String out =
        """
        add 1 1000000000 1000250000
        add 0 2000000000 2000035000
        ping 0 [2000.135500] 64 bytes from 10.240.1.2: icmp_seq=10 ttl=64 time=0.500 ms
        pingstart 0 [2000.055000] no answer yet for icmp_seq=1
        ping 1 none
        pingstart 1 none
        """;
    List<RawCniAdds.Add> adds = RawCniAdds.parse(out, 2);
    assertThat(adds).hasSize(2);
    RawCniAdds.Add a = adds.get(0);
    assertThat(a.addMillis()).isEqualTo(35.0);
    // Sent at the reply's time minus its round trip: 2000.135000 s, 100 ms after the ADD's end.
    assertThat(a.pingMillis()).isCloseTo(100.0, within(1e-9));
    // "no answer yet" for the first echo is printed as the second goes out, 10 ms later.
    assertThat(a.pingStartMillis()).isCloseTo(10.0, within(1e-9));
    assertThat(adds.get(1).addMillis()).isEqualTo(250.0);
    assertThat(adds.get(1).pingMillis()).isNaN();
    assertThat(adds.get(1).pingStartMillis()).isNaN();
  }

  @Test
  void aFirstEchoThatIsAnsweredIsBothTheStartAndTheAnswer() {
    String out =
        """
        add 0 1000000000 1000020000
        ping 0 [1000.030200] 64 bytes from 10.240.1.2: icmp_seq=1 ttl=64 time=0.200 ms
        pingstart 0 [1000.030200] 64 bytes from 10.240.1.2: icmp_seq=1 ttl=64 time=0.200 ms
        """;
    RawCniAdds.Add a = RawCniAdds.parse(out, 1).getFirst();
    assertThat(a.pingMillis()).isCloseTo(10.0, within(1e-9));
    assertThat(a.pingStartMillis()).isCloseTo(10.0, within(1e-9));
  }

  @Test
  void aMissingAddIsNoResult() {
    assertThat(RawCniAdds.parse("add 0 1 2\n", 2)).isNull();
  }
}
