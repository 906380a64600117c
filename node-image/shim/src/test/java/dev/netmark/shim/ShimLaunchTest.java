package dev.netmark.shim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.netty.shaded.io.netty.buffer.ByteBufAllocator;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShimLaunchTest {
  @Test
  void readsTheArgfileFormWithoutComments() {
    String text =
        """
        # a comment line
        -XX:+UseSerialGC
          -Xmx96m   # trailing comment

        --enable-native-access=ALL-UNNAMED
        """;
    assertThat(ShimLaunch.parseOptions(text))
        .containsExactly("-XX:+UseSerialGC", "-Xmx96m", "--enable-native-access=ALL-UNNAMED");
  }

  @Test
  void theShippedFlagsAreTheSmallNodeOnes() {
    List<String> flags = ShimLaunch.jvmFlags();
    assertThat(flags)
        .contains(
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xmx96m",
            "--enable-native-access=ALL-UNNAMED")
        .allMatch(f -> f.startsWith("-"), "every entry is a flag");
  }

  @Test
  void nettyBuffersAreUnpooledUnderTheShadedPropertyName() {
    // The shaded Netty reads its properties under its relocated package: under the plain
    // io.netty name the flag would change nothing.
    String netty = ByteBufAllocator.class.getPackageName().replace(".buffer", "");
    assertThat(netty).isEqualTo("io.grpc.netty.shaded.io.netty");
    assertThat(ShimLaunch.jvmFlags()).contains("-D" + netty + ".allocator.type=unpooled");
  }

  @Test
  void theCommandPutsTheCacheAfterTheFlagsAndCallerFlagsLast() {
    List<String> flags = ShimLaunch.jvmFlags(Optional.of(Path.of("/c/shim.aot")));
    assertThat(flags.getLast()).isEqualTo("-XX:AOTCache=/c/shim.aot");
    List<String> argv =
        ShimLaunch.command(
            Path.of("/j/bin/java"), "/x/shim.jar", flags, List.of("--node-name", "n"));
    assertThat(argv.getFirst()).isEqualTo("/j/bin/java");
    assertThat(argv.subList(argv.size() - 5, argv.size()))
        .containsExactly("-cp", "/x/shim.jar", ShimLaunch.MAIN_CLASS, "--node-name", "n");
    assertThat(argv).hasSize(1 + flags.size() + 5);
  }

  @Test
  void aClassPathOfSeveralEntriesOrADirectoryHasNoCache(@TempDir Path dir) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path jar = Files.writeString(dir.resolve("a.jar"), "not trained");
    assertThat(ShimLaunch.aotCache(java, jar + File.pathSeparator + dir, dir.resolve("c")))
        .isEmpty();
    assertThat(ShimLaunch.aotCache(java, dir.toString(), dir.resolve("c"))).isEmpty();
    assertThat(ShimLaunch.aotCache(java, dir.resolve("missing.jar").toString(), dir.resolve("c")))
        .isEmpty();
    assertThat(dir.resolve("c")).doesNotExist();
  }

  @Test
  void aFailedTrainingRunIsAnErrorNamingItsLog(@TempDir Path dir) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path jar = Files.writeString(dir.resolve("broken.jar"), "not a jar");
    assertThatThrownBy(() -> ShimLaunch.aotCache(java, jar.toString(), dir.resolve("c")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("AOT training run exited with 1")
        .hasMessageContaining(".training.log");
    try (var files = Files.list(dir.resolve("c"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .noneMatch(f -> f.endsWith(".aot"), "no cache is left behind");
    }
  }

  @Test
  void theNewCacheAndTheThreeNewestOthersAreKept(@TempDir Path dir) throws Exception {
    Path caches = Files.createDirectories(dir.resolve("c"));
    for (int i = 0; i < 6; i++) {
      Path old = Files.writeString(caches.resolve("netmark-shim-old" + i + ".aot"), "x");
      Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(1000L * i));
    }
    Path fresh = Files.writeString(caches.resolve("netmark-shim-new.aot"), "x");
    ShimLaunch.prune(caches, fresh);
    try (var files = Files.list(caches)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "netmark-shim-new.aot",
              "netmark-shim-old5.aot",
              "netmark-shim-old4.aot",
              "netmark-shim-old3.aot");
    }
  }
}
