package dev.netmark.shim.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodIdentityTest {
  @Test
  void acceptsKubernetesNames() {
    var pod =
        new PodIdentity("kube-system", "pod-a.b-1", "0f9c1d2e-0000-4000-8000-000000000001", 2);
    assertThat(pod.toString())
        .isEqualTo("kube-system/pod-a.b-1 (uid 0f9c1d2e-0000-4000-8000-000000000001)");
  }

  @ParameterizedTest(name = "{0}/{1} uid {2} -> {3}")
  @CsvSource({
    "ns,    Pod,      u1,        name",
    "ns,    a;b,      u1,        name",
    "ns,    'a b',    u1,        name",
    "'',    a,        u1,        namespace",
    "ns,    a,        '',        uid",
    "ns,    a,        ../x,      uid",
    "ns,    a,        'u=1',     uid",
  })
  void rejectsWhatWouldReachFilesOrCniArgs(String ns, String name, String uid, String field) {
    assertThatThrownBy(() -> new PodIdentity(ns, name, uid, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid pod " + field);
  }
}
