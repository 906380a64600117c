package dev.netmark.shim.kube;

/** The API server answered, but not with what was asked for. */
final class ApiException extends Exception {
  private static final int BODY_CHARS = 300;

  private ApiException(String message) {
    super(message);
  }

  static ApiException of(String what, int status, String body) {
    String b = body == null ? "" : body.strip();
    if (b.length() > BODY_CHARS) {
      b = b.substring(0, BODY_CHARS) + "...";
    }
    return new ApiException(what + ": HTTP " + status + (b.isEmpty() ? "" : ": " + b));
  }
}
