package dev.netmark.shim.cni;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one ADD, CHECK or DEL is about: a container (the pod sandbox), its network namespace and the
 * Kubernetes identity passed to plugins in {@code CNI_ARGS}.
 *
 * @param containerId the sandbox id, {@code CNI_CONTAINERID}; libcni's pattern, at most 256 chars
 * @param netns the pod's network namespace path, {@code CNI_NETNS} (may be absent for DEL)
 * @param ifName the interface to create in it, {@code CNI_IFNAME} (usually {@code eth0})
 * @param podNamespace {@code K8S_POD_NAMESPACE}
 * @param podName {@code K8S_POD_NAME}
 * @param podUid {@code K8S_POD_UID}
 * @param capabilityArgs values for {@code runtimeConfig}, by capability name ({@code portMappings},
 *     {@code bandwidth}, ...); each plugin gets only those it declares. Values are anything Jackson
 *     can serialize (maps, lists, strings, numbers).
 */
public record CniRequest(
    String containerId,
    Path netns,
    String ifName,
    String podNamespace,
    String podName,
    String podUid,
    Map<String, Object> capabilityArgs) {
  /** The interface name containerd uses for the pod's network. */
  public static final String DEFAULT_IFNAME = "eth0";

  private static final Pattern CONTAINER_ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]{0,255}");
  // CNI_ARGS is "K=V;K=V": a value must not be able to add or split pairs.
  private static final Pattern ARG_VALUE = Pattern.compile("[^;=\\s]*");

  /** Validates every field that ends up in a file name, an environment variable or CNI_ARGS. */
  public CniRequest {
    if (containerId == null || !CONTAINER_ID.matcher(containerId).matches()) {
      throw new IllegalArgumentException(
          "invalid container id " + containerId + ": expected " + CONTAINER_ID.pattern());
    }
    Objects.requireNonNull(netns, "netns");
    if (!netns.isAbsolute()) {
      throw new IllegalArgumentException("netns must be an absolute path, got " + netns);
    }
    validIfName(ifName);
    validArg("podNamespace", podNamespace);
    validArg("podName", podName);
    validArg("podUid", podUid);
    capabilityArgs = Map.copyOf(capabilityArgs);
  }

  /** A request for {@link #DEFAULT_IFNAME} without capability arguments. */
  public static CniRequest of(
      String containerId, Path netns, String podNamespace, String podName, String podUid) {
    return new CniRequest(
        containerId, netns, DEFAULT_IFNAME, podNamespace, podName, podUid, Map.of());
  }

  /** The same request with other capability arguments. */
  public CniRequest withCapabilityArgs(Map<String, Object> args) {
    return new CniRequest(containerId, netns, ifName, podNamespace, podName, podUid, args);
  }

  /** {@code CNI_ARGS} as containerd builds it for Kubernetes pods. */
  public String cniArgs() {
    return "IgnoreUnknown=1;K8S_POD_NAMESPACE="
        + podNamespace
        + ";K8S_POD_NAME="
        + podName
        + ";K8S_POD_INFRA_CONTAINER_ID="
        + containerId
        + ";K8S_POD_UID="
        + podUid;
  }

  // libcni's ValidateInterfaceName: non-empty, < IFNAMSIZ, not . or .., no / : or whitespace.
  private static void validIfName(String ifName) {
    if (ifName == null
        || ifName.isEmpty()
        || ifName.length() > 15
        || ifName.equals(".")
        || ifName.equals("..")
        || !ifName.matches("[^/:\\s]+")) {
      throw new IllegalArgumentException(
          "invalid interface name " + ifName + ": 1-15 chars, no '/', ':' or whitespace");
    }
  }

  private static void validArg(String field, String value) {
    if (value == null || !ARG_VALUE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "invalid " + field + " " + value + ": must not contain ';', '=' or whitespace");
    }
  }
}
