package dev.netmark.shim.cni;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PluginErrorsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "json error | 1 | {\"code\":7,\"msg\":\"bad config\",\"details\":\"no bridge\"} | ignored"
            + " | PLUGIN_ERROR | 7 | bad config | no bridge",
        "json without details | 1 | {\"cniVersion\":\"1.0.0\",\"code\":100,\"msg\":\"m\"} | "
            + " | PLUGIN_ERROR | 100 | m | ''",
        "json without msg | 1 | {\"code\":3} | | PLUGIN_ERROR | 3 | exited with status 1 with"
            + " error JSON without msg: {\"code\":3} | ''",
        "garbage | 2 | oops | err | PLUGIN_FAILED | 0 | exited with status 2; its output is not"
            + " error JSON (invalid JSON at line 1 column 1: Unrecognized token 'oops': was"
            + " expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false'))"
            + ": oops; stderr: err | ''",
        "stderr only | 1 | '' | failed to find plugin | PLUGIN_FAILED | 0 | exited with status 1:"
            + " failed to find plugin | ''",
        "nothing | 137 | '' | '' | PLUGIN_FAILED | 0 | exited with status 137 (signal 9?) with no"
            + " error message | ''"
      })
  void stdoutFirstThenStderr(
      String name,
      int exit,
      String stdout,
      String stderr,
      CniException.Reason reason,
      int code,
      String msg,
      String details) {
    PluginFailure f =
        PluginErrors.fromExit(exit, stdout == null ? "" : stdout, stderr == null ? "" : stderr);
    assertThat(f.reason).isEqualTo(reason);
    assertThat(f.code).isEqualTo(code);
    assertThat(f.msg).isEqualTo(msg);
    assertThat(f.details).isEqualTo(details);
  }
}
