package dev.netmark.shim.cni;

/** One plugin call failed; {@link CniRuntime} adds the context and makes a {@link CniException}. */
final class PluginFailure extends Exception {
  private static final long serialVersionUID = 1L;

  final CniException.Reason reason;
  final int code;
  final String msg;
  final String details;

  PluginFailure(CniException.Reason reason, int code, String msg, String details) {
    super(msg);
    this.reason = reason;
    this.code = code;
    this.msg = msg;
    this.details = details;
  }

  PluginFailure(CniException.Reason reason, String msg, Throwable cause) {
    super(msg, cause);
    this.reason = reason;
    this.code = 0;
    this.msg = msg;
    this.details = "";
  }
}
