package dev.netmark.shim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShimMainTest {
  @TempDir Path dir;
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return ShimMain.run(new PrintWriter(err, true), args);
  }

  @Test
  void helpExitsZeroListingEveryFlagWithItsDefault() {
    StringWriter out = new StringWriter();
    int code = ShimMain.run(new PrintWriter(out, true), new PrintWriter(err, true), "--help");
    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("--listen URL", "--upstream", "--cni-conf-dir", "--state-dir")
        .contains("(default: unix:///run/netmark/shim.sock)", "--cni-config-later\n");
    StringWriter shortOut = new StringWriter();
    assertThat(ShimMain.run(new PrintWriter(shortOut, true), new PrintWriter(err, true), "-h"))
        .isZero();
    assertThat(shortOut).hasToString(out.toString());
  }

  @Test
  void anUnknownFlagExitsTwoNamingIt() {
    assertThat(run("--no-such-flag")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown flag or argument '--no-such-flag'");
  }

  @Test
  void aFlagWithoutItsValueOrASwitchWithOneExitsTwo() {
    assertThat(run("--node-name")).isEqualTo(2);
    assertThat(err.toString()).contains("--node-name needs a value (NAME)");
    assertThat(run("--cni-config-later=yes")).isEqualTo(2);
    assertThat(err.toString()).contains("--cni-config-later takes no value");
  }

  @Test
  void readsBothFormsOverTheDefaults() {
    ShimMain m = new ShimMain();
    m.parse(
        "--node-name=n1",
        "--cni-bin-dir",
        "/a,/b",
        "--plugin-timeout",
        "500ms",
        "--cni-config-later",
        "--kubeconfig=/k");
    assertThat(m.nodeName).isEqualTo("n1");
    assertThat(m.cniBinDirs).containsExactly(Path.of("/a"), Path.of("/b"));
    assertThat(m.pluginTimeout).isEqualTo(java.time.Duration.ofMillis(500));
    assertThat(m.cniConfigLater).isTrue();
    assertThat(m.kubeconfig).isEqualTo(Path.of("/k"));
    assertThat(m.listen).isEqualTo("unix:///run/netmark/shim.sock");
    assertThat(m.stateDir).isEqualTo(Path.of("/var/lib/netmark-shim"));
    assertThat(m.probeTargets).isNull();
  }

  @Test
  void aBadDurationExitsTwo() {
    assertThat(run("--plugin-timeout", "soon", "--node-name", "n")).isEqualTo(2);
    assertThat(err.toString()).contains("'soon' is not a duration");
  }

  @Test
  void aNonUnixListenAddressExitsTwo() {
    assertThat(run("--listen", "tcp://127.0.0.1:1", "--node-name", "n")).isEqualTo(2);
    assertThat(err.toString()).contains("not a unix socket endpoint: 'tcp://127.0.0.1:1'");
  }

  @Test
  void anEmptyCniConfigDirectoryExitsTwoNamingIt() throws Exception {
    Path conf = Files.createDirectories(dir.resolve("net.d"));
    int code =
        run(
            "--node-name",
            "n",
            "--cni-conf-dir",
            conf.toString(),
            "--state-dir",
            dir.resolve("state").toString(),
            "--listen",
            "unix://" + dir.resolve("shim.sock"),
            "--metrics-addr",
            "127.0.0.1:0");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("unusable CNI configuration", conf.toString());
  }

  @Test
  void aStateDirectoryInUseExitsOneSayingSo() throws Exception {
    Path state = dir.resolve("state");
    try (var held = dev.netmark.shim.state.StateDirLock.acquire(state)) {
      int code =
          run(
              "--node-name",
              "n",
              "--state-dir",
              state.toString(),
              "--listen",
              "unix://" + dir.resolve("shim.sock"),
              "--metrics-addr",
              "127.0.0.1:0");
      assertThat(code).isEqualTo(1);
    }
    assertThat(err.toString())
        .contains("netmark-shim: cannot start: another shim is using the state directory " + state);
  }
}
