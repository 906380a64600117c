package dev.netmark.shim.cri;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.shim.cri.api.Container;
import dev.netmark.shim.cri.api.ContainerFilter;
import dev.netmark.shim.cri.api.ContainerState;
import dev.netmark.shim.cri.api.ContainerStateValue;
import dev.netmark.shim.cri.api.PodSandbox;
import dev.netmark.shim.cri.api.PodSandboxFilter;
import dev.netmark.shim.cri.api.PodSandboxState;
import dev.netmark.shim.cri.api.PodSandboxStateValue;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FiltersTest {
  private static final PodSandbox SANDBOX =
      PodSandbox.newBuilder()
          .setId("abc123def")
          .setState(PodSandboxState.SANDBOX_READY)
          .putLabels("netperf", "true")
          .putLabels("app", "x")
          .build();

  private static final Container CONTAINER =
      Container.newBuilder()
          .setId("c0ffee01")
          .setPodSandboxId("abc123def")
          .setState(ContainerState.CONTAINER_RUNNING)
          .putLabels("io.kubernetes.container.name", "traffic")
          .build();

  @ParameterizedTest(name = "id={0} state={1} selector={2} -> {3}")
  @CsvSource({
    "'',          '',       '',                  true",
    "abc123def,   '',       '',                  true",
    "abc,         '',       '',                  true",
    "abd,         '',       '',                  false",
    "'',          READY,    '',                  true",
    "'',          NOTREADY, '',                  false",
    "'',          '',       netperf=true,        true",
    "'',          '',       netperf=false,       false",
    "'',          '',       netperf=true;app=x,  true",
    "'',          '',       netperf=true;app=y,  false",
    "'',          '',       missing=1,           false",
    "abc,         READY,    app=x,               true",
    "abc,         NOTREADY, app=x,               false",
  })
  void sandboxFilter(String id, String state, String selector, boolean expected) {
    PodSandboxFilter.Builder f =
        PodSandboxFilter.newBuilder().setId(id).putAllLabelSelector(labels(selector));
    if (!state.isEmpty()) {
      f.setState(
          PodSandboxStateValue.newBuilder().setState(PodSandboxState.valueOf("SANDBOX_" + state)));
    }
    assertThat(Filters.matches(f.build(), SANDBOX)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "id={0} sandbox={1} state={2} selector={3} -> {4}")
  @CsvSource({
    "'',       '',        '',      '',                                    true",
    "c0ffee,   '',        '',      '',                                    true",
    "c0ffef,   '',        '',      '',                                    false",
    "'',       abc,       '',      '',                                    true",
    "'',       xyz,       '',      '',                                    false",
    "'',       '',        RUNNING, '',                                    true",
    "'',       '',        EXITED,  '',                                    false",
    "'',       '',        '',      io.kubernetes.container.name=traffic,  true",
    "'',       '',        '',      io.kubernetes.container.name=other,    false",
  })
  void containerFilter(String id, String sandbox, String state, String selector, boolean expected) {
    ContainerFilter.Builder f =
        ContainerFilter.newBuilder()
            .setId(id)
            .setPodSandboxId(sandbox)
            .putAllLabelSelector(labels(selector));
    if (!state.isEmpty()) {
      f.setState(
          ContainerStateValue.newBuilder().setState(ContainerState.valueOf("CONTAINER_" + state)));
    }
    assertThat(Filters.matches(f.build(), CONTAINER)).isEqualTo(expected);
  }

  private static Map<String, String> labels(String spec) {
    if (spec.isEmpty()) {
      return Map.of();
    }
    var out = new java.util.HashMap<String, String>();
    for (String pair : spec.split(";")) {
      String[] kv = pair.split("=", 2);
      out.put(kv[0], kv[1]);
    }
    return out;
  }
}
