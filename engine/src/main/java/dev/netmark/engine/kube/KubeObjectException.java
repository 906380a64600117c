package dev.netmark.engine.kube;

import dev.netmark.api.NetmarkException;

/**
 * A Kubernetes API call about one object failed for good: a conflict, a missing object, a rejected
 * request, or retries that ran out. Carries the HTTP status and the object.
 */
public class KubeObjectException extends NetmarkException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final transient ObjectRef object;

  /**
   * @param status the HTTP status, 0 when the API server was not reached
   * @param object the object the call was about
   * @param what what happened, e.g. {@code already exists}
   */
  public KubeObjectException(int status, ObjectRef object, String what, Throwable cause) {
    super(object + ": " + what + (status > 0 ? " (HTTP " + status + ")" : ""), cause);
    this.status = status;
    this.object = object;
  }

  /** HTTP status; 409 conflict, 404 missing, 0 when the server was not reached. */
  public int status() {
    return status;
  }

  public String kind() {
    return object.kind();
  }

  /** The namespace, null for cluster-scoped objects. */
  public String namespace() {
    return object.namespace();
  }

  public String name() {
    return object.name();
  }

  public ObjectRef object() {
    return object;
  }

  public boolean isConflict() {
    return status == 409;
  }

  public boolean isNotFound() {
    return status == 404;
  }
}
