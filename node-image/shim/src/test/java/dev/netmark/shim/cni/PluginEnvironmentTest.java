package dev.netmark.shim.cni;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What environment a plugin gets: the shim's, the host's variables, then the call's CNI_*. */
class PluginEnvironmentTest {
  @TempDir Path dir;

  @Test
  void aHostedShimsPluginsCarryTheHostsVariablesButNoStaleCniOnes() throws Exception {
    Path plugin = dir.resolve("env");
    Files.writeString(plugin, "#!/bin/sh\ncat >/dev/null\nenv\n");
    Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
    PluginInvoker invoker =
        new PluginInvoker(
            Duration.ofSeconds(20),
            1 << 16,
            ProcessStarter.direct(),
            RunningPlugins.none(),
            Map.of("NETMARK_TEST_MARK", "run-1", "CNI_COMMAND", "DEL", "CNI_STALE", "x"));

    String env = invoker.run(plugin, Map.of("CNI_COMMAND", "ADD", "CNI_CONTAINERID", "c1"), "{}");

    assertThat(env.lines())
        .contains("NETMARK_TEST_MARK=run-1", "CNI_COMMAND=ADD", "CNI_CONTAINERID=c1")
        .doesNotContain("CNI_COMMAND=DEL", "CNI_STALE=x")
        .anyMatch(l -> l.startsWith("PATH="));
  }
}
