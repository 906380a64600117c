package dev.netmark.testing.kubemark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The arguments hack/local-run.sh hands to {@code netmark run}, as docs/your-cni.md and the README
 * give them. The real script runs from a copy of hack/ whose {@code netmark} prints its arguments
 * and whose lib.sh skips the root check, the packages and the JDK: what is under test is the
 * script's own argument handling, not a run.
 */
class LocalRunScriptTest {
  @TempDir Path root;

  @BeforeEach
  void copyOfHack() throws Exception {
    Path hack = Files.createDirectories(root.resolve("hack"));
    Files.copy(Repo.root().resolve("hack/local-run.sh"), hack.resolve("local-run.sh"));
    Files.writeString(
        hack.resolve("lib.sh"),
        """
        NETMARK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
        RUNTIME_PACKAGES=()
        require_root() { :; }
        ensure_packages() { :; }
        use_java25() { :; }
        die() { echo "netmark: $*" >&2; exit 2; }
        """);
    Path netmark =
        Files.writeString(hack.resolve("netmark"), "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\"\n");
    Files.setPosixFilePermissions(netmark, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path configs = Files.createDirectories(root.resolve("configs"));
    Files.writeString(configs.resolve("network-ready-latency.yaml"), "name: x\n");
    Files.writeString(configs.resolve("pod-flux.yaml"), "name: y\n");
  }

  @Test
  void aRunWithoutAReportDirGetsOneOfItsOwn() {
    List<String> args = run("--nodes", "10", "--set", "NODES=10");
    assertThat(args.subList(0, 4))
        .containsExactly(
            "run",
            root.resolve("configs/network-ready-latency.yaml").toString(),
            "--provider",
            "local");
    assertThat(args.get(4)).isEqualTo("--report-dir");
    assertThat(args.get(5))
        .matches(root.resolve("reports") + "/network-ready-latency-\\d{8}T\\d{6}Z");
    assertThat(args.subList(6, args.size())).containsExactly("--nodes", "10", "--set", "NODES=10");
  }

  @Test
  void theCallersReportDirIsTheOnlyOne() {
    List<String> args =
        run("--cni-conf-dir", "/tmp/my-cni", "--report-dir", "reports/mine-1", "--nodes", "3");
    assertThat(args).containsOnlyOnce("--report-dir");
    assertThat(args.subList(4, args.size()))
        .containsExactly(
            "--cni-conf-dir", "/tmp/my-cni", "--report-dir", "reports/mine-1", "--nodes", "3");
  }

  @Test
  void theCallersReportDirWithAnEqualsSignIsTheOnlyOne() {
    List<String> args = run(root.resolve("configs/pod-flux.yaml").toString(), "--report-dir=r/x");
    assertThat(args)
        .containsExactly(
            "run",
            root.resolve("configs/pod-flux.yaml").toString(),
            "--provider",
            "local",
            "--report-dir=r/x");
  }

  @Test
  void aMissingConfigIsNamed() {
    Script s = Script.run(script(), List.of("configs/nope.yaml"));
    assertThat(s.exitCode()).as(s::toString).isEqualTo(2);
    assertThat(s.err()).contains("no such config: configs/nope.yaml");
  }

  private List<String> run(String... args) {
    Script s = Script.run(script(), List.of(args));
    assertThat(s.exitCode()).as(s::toString).isZero();
    return s.out().lines().toList();
  }

  // Absolute, so Script runs the copy rather than the repository's script.
  private String script() {
    return root.resolve("hack/local-run.sh").toString();
  }
}
