package dev.netmark.testing.local.fabric;

/**
 * A control pod: a {@link Pod} running an HTTP server (answering {@code NETNS IP from CLIENT_IP})
 * and an {@code iperf3} server, the targets of the readiness probes and the traffic model.
 *
 * @param pod the pod
 * @param httpPort the HTTP server's port
 * @param iperfPort the iperf3 server's port
 * @param iperfPid the iperf3 server's process id
 */
public record ControlPod(Pod pod, int httpPort, int iperfPort, long iperfPid) {
  /** The pod's address. */
  public String ip() {
    return pod.ip();
  }

  /** {@code ip:httpPort}, the form {@link Fabric#publishService} takes. */
  public String httpEndpoint() {
    return pod.ip() + ":" + httpPort;
  }
}
