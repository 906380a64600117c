package dev.netmark.shim.kube;

/** A kubeconfig or service account the shim cannot use; the message names it and the problem. */
public final class KubeconfigException extends RuntimeException {
  KubeconfigException(String message) {
    super(message);
  }

  KubeconfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
