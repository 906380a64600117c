package dev.netmark.shim.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's CNI configuration, loaded when first needed (a CNI DaemonSet writes it late). */
class NodeCniTest {
  @TempDir Path conf;
  @TempDir Path bin;

  @Test
  void withoutConfigurationAnAddFailsNamingTheDirectoryThenLoadsOnceItAppears() throws Exception {
    // Answers VERSION, which building a runtime asks every plugin.
    Path plugin =
        Files.writeString(
            bin.resolve("bridge"),
            "#!/bin/sh\necho '{\"cniVersion\":\"1.0.0\",\"supportedVersions\":[\"1.0.0\"]}'\n");
    Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxr-xr-x"));
    AtomicInteger built = new AtomicInteger();
    try (NodeCni cni =
        new NodeCni(
            conf,
            List.of(bin),
            c -> {
              built.incrementAndGet();
              return CniRuntime.builder(c, List.of(bin)).resultCacheDir(conf.resolve("c")).build();
            })) {
      CniException e = catchThrowableOfType(CniException.class, cni::runtime);
      assertThat(e.reason()).isEqualTo(CniException.Reason.CONFIG);
      assertThat(e.getMessage()).contains("no usable CNI configuration").contains(conf.toString());
      assertThat(cni.loaded()).isFalse();

      Files.writeString(
          conf.resolve("10-late.conflist"),
          """
          {"cniVersion": "1.0.0", "name": "late", "plugins": [{"type": "bridge"}]}
          """);
      CniRuntime runtime = cni.runtime();

      assertThat(runtime.config().name()).isEqualTo("late");
      assertThat(cni.runtime()).isSameAs(runtime);
      assertThat(cni.loaded()).isTrue();
      assertThat(built).hasValue(1);
    }
  }
}
