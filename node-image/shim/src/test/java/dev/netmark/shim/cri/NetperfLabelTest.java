package dev.netmark.shim.cri;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.shim.cri.api.PodSandboxConfig;
import dev.netmark.shim.cri.api.PodSandboxMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetperfLabelTest {
  @ParameterizedTest(name = "{0}={1} -> {2}")
  @CsvSource({
    "netperf, true,  true",
    "netperf, True,  false",
    "netperf, false, false",
    "netperf, '',    false",
    "Netperf, true,  false",
    "app,     true,  false",
  })
  void onlyTheExactLabelMarksANetperfPod(String key, String value, boolean expected) {
    var config = PodSandboxConfig.newBuilder().putLabels(key, value).build();
    assertThat(NetperfLabel.isNetperf(config)).isEqualTo(expected);
  }

  @Test
  void annotationsAndMetadataDoNotCount() {
    var config =
        PodSandboxConfig.newBuilder()
            .setMetadata(PodSandboxMetadata.newBuilder().setName("netperf"))
            .putAnnotations("netperf", "true")
            .build();
    assertThat(NetperfLabel.isNetperf(config)).isFalse();
    assertThat(NetperfLabel.isNetperf(null)).isFalse();
  }
}
