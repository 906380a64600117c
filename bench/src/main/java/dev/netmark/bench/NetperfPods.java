package dev.netmark.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/** The netperf pod the local-cluster benchmarks create: the shim probes it, nothing else runs. */
public final class NetperfPods {
  private NetperfPods() {}

  /** A pod {@code ns/name} labelled {@code netperf: "true"}, deleted without grace. */
  public static Pod of(String ns, String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(ns)
        .addToLabels("netperf", "true")
        .endMetadata()
        .withNewSpec()
        .withTerminationGracePeriodSeconds(0L)
        .addNewContainer()
        .withName("netperf")
        .withImage("registry.k8s.io/pause:3.10")
        .endContainer()
        .endSpec()
        .build();
  }
}
