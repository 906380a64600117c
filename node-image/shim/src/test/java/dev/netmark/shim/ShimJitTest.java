package dev.netmark.shim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shim's JVM flags compile its timing code after a few calls: a node's few dozen pods never
 * reach C1's default thresholds, so without them every probe and plugin spawn runs interpreted.
 */
class ShimJitTest {
  private static final String TARGET = "dev.netmark.shim.probe.JitScopeTarget::step";
  private static final String OUTSIDE = "dev.netmark.shim.JitScopeMain::outside";

  @Test
  void aProbePackageMethodCompilesAfterThreeCallsAndOtherCodeDoesNot() throws Exception {
    List<String> argv = new ArrayList<>();
    argv.add(ProcessHandle.current().info().command().orElseThrow());
    argv.addAll(ShimLaunch.jvmFlags());
    argv.addAll(
        List.of(
            "-XX:+PrintCompilation",
            "-cp",
            System.getProperty("java.class.path"),
            JitScopeMain.class.getName()));
    Process child = new ProcessBuilder(argv).redirectErrorStream(true).start();
    List<String> seen = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      // Read until the target's compilation shows or the child ends (after a minute): the
      // compiler works in the background, so there is no moment to check at.
      String line;
      while ((line = out.readLine()) != null) {
        seen.add(line);
        if (line.contains(TARGET)) {
          break;
        }
      }
    } finally {
      child.destroyForcibly().waitFor();
    }
    assertThat(seen).anyMatch(l -> l.contains(TARGET));
    assertThat(seen).noneMatch(l -> l.contains(OUTSIDE));
  }
}
