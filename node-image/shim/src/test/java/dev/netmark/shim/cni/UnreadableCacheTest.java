package dev.netmark.shim.cni;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corrupt result cache entry must not block teardown (libcni's behaviour). */
class UnreadableCacheTest {
  @TempDir Path tmp;

  @Test
  void delDropsAnUnreadableEntryAndRunsWithoutPrevResult() throws Exception {
    Path bin = CniTestSupport.installTestPlugins(tmp.resolve("bin"));
    Path calls = Files.createDirectories(tmp.resolve("calls"));
    String text =
        CniTestSupport.render(
            "conflists/testplugin.conflist",
            Map.of("MODE", "ok", "DIR", calls.toString(), "VERSION", "1.0.0"));
    CniConfig config =
        CniConfig.parse(tmp.resolve("net.d/10-testplugin.conflist"), text, List.of(bin));
    Path cacheDir = tmp.resolve("results");
    try (CniRuntime runtime =
        CniRuntime.builder(config, List.of(bin))
            .resultCacheDir(cacheDir)
            .pluginTimeout(Duration.ofSeconds(30))
            .build()) {
      CniRequest request =
          CniRequest.of("c1", Path.of("/run/netns/nmcni-none"), "ns1", "pod-c1", "uid-c1");
      runtime.add(request);
      Path entry = cacheDir.resolve("nmcni-test-c1-eth0");
      assertThat(Json.object(Files.readString(entry)).has("result")).isTrue();
      Files.copy(
          Path.of("src/test/resources/faults/corrupt-cni-cache.bin"),
          entry,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);

      // Before: CniException CACHE "cannot read the cached result", on every kubelet retry.
      runtime.del(request);

      assertThat(entry).doesNotExist();
      String delStdin;
      try (var files = Files.list(calls)) {
        Path last =
            files
                .filter(f -> f.getFileName().toString().startsWith("call-"))
                .sorted()
                .toList()
                .getLast();
        delStdin = Json.object(Files.readString(last)).get("stdin").toString();
        assertThat(Json.object(Files.readString(last)).get("env").get("CNI_COMMAND").asString())
            .isEqualTo("DEL");
      }
      assertThat(delStdin).doesNotContain("prevResult");
      assertThat(runtime.cachedResult(request)).isEmpty();
    }
  }
}
