package dev.netmark.shim.testing;

import dev.netmark.shim.cri.api.PodSandboxConfig;
import dev.netmark.shim.cri.api.PodSandboxMetadata;
import dev.netmark.shim.cri.api.RunPodSandboxRequest;

/** Sandbox configs as kubelet sends them. */
public final class Pods {
  private Pods() {}

  public static PodSandboxConfig netperf(String name, String uid) {
    return PodSandboxConfig.newBuilder()
        .setMetadata(
            PodSandboxMetadata.newBuilder().setName(name).setNamespace("nmcri").setUid(uid))
        .setHostname(name)
        .setLogDirectory("/var/log/pods/nmcri_" + name + "_" + uid)
        .putLabels("netperf", "true")
        .putLabels("app", "nmcri")
        .putLabels("io.kubernetes.pod.uid", uid)
        .putAnnotations("kubernetes.io/config.source", "api")
        .build();
  }

  public static RunPodSandboxRequest run(PodSandboxConfig config) {
    return RunPodSandboxRequest.newBuilder().setConfig(config).build();
  }
}
