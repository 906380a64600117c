package dev.netmark.shim.traffic;

/**
 * Target placeholders a traffic command may use; each must be a whole argument. Kubelet leaves
 * {@code $(NAME)} untouched when the pod defines no variable of that name, so they reach the shim.
 */
public enum Placeholder {
  /** A control pod on this node (IP). */
  CONTROL_SAME_NODE(false),
  /** A control pod on a random other node (IP). */
  CONTROL_REMOTE(false),
  /** The control service VIP. */
  SERVICE(false),
  /** The external IP. */
  EXTERNAL(false),
  /** {@code http://<control pod on this node>:<controlHttpPort>/}. */
  CONTROL_SAME_NODE_URL(true),
  /** {@code http://<control pod on another node>:<controlHttpPort>/}. */
  CONTROL_REMOTE_URL(true),
  /** {@code http://<service VIP>:<servicePort>/}. */
  SERVICE_URL(true),
  /** The external URL. */
  EXTERNAL_URL(true);

  private final boolean url;

  Placeholder(boolean url) {
    this.url = url;
  }

  /** Whether it stands for a URL (curl) rather than an IP (iperf3, ping). */
  public boolean isUrl() {
    return url;
  }

  /** The text in the container command: {@code $(NAME)}. */
  public String token() {
    return "$(" + name() + ")";
  }

  /** The placeholder an argument is, or null. */
  static Placeholder of(String arg) {
    for (Placeholder p : values()) {
      if (p.token().equals(arg)) {
        return p;
      }
    }
    return null;
  }
}
