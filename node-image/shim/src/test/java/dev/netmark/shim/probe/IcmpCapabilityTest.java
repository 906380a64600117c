package dev.netmark.shim.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IcmpCapabilityTest {
  @Test
  void readsBit13OfTheEffectiveSet() {
    assertThat(IcmpCapability.hasNetRaw(List.of("Name:\tjava", "CapEff:\t000001ffffffffff")))
        .isTrue();
    assertThat(IcmpCapability.hasNetRaw(List.of("CapEff:\t0000000000002000"))).isTrue();
    assertThat(IcmpCapability.hasNetRaw(List.of("CapEff:\t0000000000001fff"))).isFalse();
    assertThat(IcmpCapability.hasNetRaw(List.of("CapPrm:\t0000000000002000"))).isFalse();
  }
}
