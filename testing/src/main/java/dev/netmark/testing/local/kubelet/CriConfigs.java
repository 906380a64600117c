package dev.netmark.testing.local.kubelet;

import dev.netmark.shim.cri.api.ContainerConfig;
import dev.netmark.shim.cri.api.ContainerMetadata;
import dev.netmark.shim.cri.api.DNSConfig;
import dev.netmark.shim.cri.api.ImageSpec;
import dev.netmark.shim.cri.api.KeyValue;
import dev.netmark.shim.cri.api.LinuxPodSandboxConfig;
import dev.netmark.shim.cri.api.PodSandboxConfig;
import dev.netmark.shim.cri.api.PodSandboxMetadata;
import dev.netmark.shim.cri.api.PortMapping;
import dev.netmark.shim.cri.api.Protocol;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Sysctl;
import java.nio.file.Path;
import java.util.Map;

/**
 * The CRI messages kubelet builds from a pod (kubelet's {@code generatePodSandboxConfig} and {@code
 * generateContainerConfig}): metadata with the pod UID and attempt, the pod's labels plus kubelet's
 * {@code io.kubernetes.*} labels, annotations, hostname, log paths, DNS, host ports and sysctls.
 */
final class CriConfigs {
  static final String LABEL_POD_NAME = "io.kubernetes.pod.name";
  static final String LABEL_POD_NAMESPACE = "io.kubernetes.pod.namespace";
  static final String LABEL_POD_UID = "io.kubernetes.pod.uid";
  static final String LABEL_CONTAINER_NAME = "io.kubernetes.container.name";

  private CriConfigs() {}

  /** The sandbox config of attempt {@code attempt} (0 first) of {@code pod}. */
  static PodSandboxConfig sandbox(Pod pod, int attempt, Path logRoot) {
    var meta = pod.getMetadata();
    var spec = pod.getSpec();
    PodSandboxConfig.Builder b =
        PodSandboxConfig.newBuilder()
            .setMetadata(
                PodSandboxMetadata.newBuilder()
                    .setName(meta.getName())
                    .setNamespace(meta.getNamespace())
                    .setUid(meta.getUid())
                    .setAttempt(attempt))
            .setHostname(spec.getHostname() != null ? spec.getHostname() : meta.getName())
            .setLogDirectory(logDirectory(pod, logRoot).toString())
            .putAllLabels(orEmpty(meta.getLabels()))
            .putLabels(LABEL_POD_NAME, meta.getName())
            .putLabels(LABEL_POD_NAMESPACE, meta.getNamespace())
            .putLabels(LABEL_POD_UID, meta.getUid())
            .putAllAnnotations(orEmpty(meta.getAnnotations()))
            .setDnsConfig(
                DNSConfig.newBuilder()
                    .addSearches(meta.getNamespace() + ".svc.cluster.local")
                    .addSearches("svc.cluster.local")
                    .addSearches("cluster.local")
                    .addOptions("ndots:5"));
    LinuxPodSandboxConfig.Builder linux =
        LinuxPodSandboxConfig.newBuilder()
            .setCgroupParent("/kubepods/besteffort/pod" + meta.getUid());
    if (spec.getSecurityContext() != null && spec.getSecurityContext().getSysctls() != null) {
      for (Sysctl s : spec.getSecurityContext().getSysctls()) {
        linux.putSysctls(s.getName(), s.getValue());
      }
    }
    b.setLinux(linux);
    for (Container c : spec.getContainers()) {
      for (ContainerPort p :
          c.getPorts() == null ? java.util.List.<ContainerPort>of() : c.getPorts()) {
        // kubelet passes only ports with a host port: those are the portmap plugin's business.
        if (p.getHostPort() != null && p.getHostPort() > 0) {
          b.addPortMappings(
              PortMapping.newBuilder()
                  .setProtocol(protocol(p.getProtocol()))
                  .setContainerPort(p.getContainerPort())
                  .setHostPort(p.getHostPort())
                  .setHostIp(p.getHostIP() == null ? "" : p.getHostIP()));
        }
      }
    }
    return b.build();
  }

  /** The config of {@code container}, first start (attempt 0). */
  static ContainerConfig container(Pod pod, Container container) {
    var meta = pod.getMetadata();
    ContainerConfig.Builder b =
        ContainerConfig.newBuilder()
            .setMetadata(ContainerMetadata.newBuilder().setName(container.getName()).setAttempt(0))
            .setImage(
                ImageSpec.newBuilder()
                    .setImage(image(container))
                    .setUserSpecifiedImage(image(container)))
            .addAllCommand(orEmpty(container.getCommand()))
            .addAllArgs(orEmpty(container.getArgs()))
            .setWorkingDir(container.getWorkingDir() == null ? "" : container.getWorkingDir())
            .putLabels(LABEL_CONTAINER_NAME, container.getName())
            .putLabels(LABEL_POD_NAME, meta.getName())
            .putLabels(LABEL_POD_NAMESPACE, meta.getNamespace())
            .putLabels(LABEL_POD_UID, meta.getUid())
            .putAnnotations("io.kubernetes.container.restartCount", "0")
            .setLogPath(container.getName() + "/0.log");
    for (EnvVar e : orEmpty(container.getEnv())) {
      // Only literal values: there is no ConfigMap/Secret/downward-API resolution here.
      if (e.getValueFrom() == null) {
        b.addEnvs(
            KeyValue.newBuilder()
                .setKey(e.getName())
                .setValue(e.getValue() == null ? "" : e.getValue()));
      }
    }
    return b.build();
  }

  /** kubelet's pod log directory: {@code ROOT/NAMESPACE_NAME_UID}. */
  static Path logDirectory(Pod pod, Path logRoot) {
    var m = pod.getMetadata();
    return logRoot.resolve(m.getNamespace() + "_" + m.getName() + "_" + m.getUid());
  }

  static String image(Container c) {
    return c.getImage() == null ? "" : c.getImage();
  }

  private static Protocol protocol(String p) {
    return switch (p == null ? "TCP" : p) {
      case "UDP" -> Protocol.UDP;
      case "SCTP" -> Protocol.SCTP;
      default -> Protocol.TCP;
    };
  }

  private static <K, V> Map<K, V> orEmpty(Map<K, V> m) {
    return m == null ? Map.of() : m;
  }

  private static <T> java.util.List<T> orEmpty(java.util.List<T> l) {
    return l == null ? java.util.List.of() : l;
  }
}
