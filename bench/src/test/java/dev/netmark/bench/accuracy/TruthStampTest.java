package dev.netmark.bench.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.netmark.testing.local.delay.DelayTruth;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled front door (gcc, as the benchmark builds it) in front of the real netmark-delay
 * script and of small scripts: the caller sees exactly what the script wrote and its exit code, and
 * the truth line gains the script's exit stamp.
 */
class TruthStampTest {
  @TempDir static Path dir;
  private static TruthStamp stamp;

  @BeforeAll
  static void compile() throws Exception {
    stamp = TruthStamp.compile(dir);
  }

  private record Run(int exit, String stdout, String stderr) {}

  private static Run run(Path plugin, String stdin, String... env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(plugin.toString());
    for (int i = 0; i < env.length; i += 2) {
      pb.environment().put(env[i], env[i + 1]);
    }
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
    return new Run(p.exitValue(), out, err);
  }

  private static Path script(String name, String body) throws IOException {
    Path s = dir.resolve(name);
    Files.writeString(s, "#!/bin/bash\n" + body);
    Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
    stamp.frontOf(s);
    return s;
  }

  @Test
  void theCallerSeesTheScriptsStdinStdoutStderrAndExitCode() throws Exception {
    Path p = script("echoes", "cat; echo \" out\"; echo err >&2; exit 7\n");

    assertThat(run(p, "{\"in\":1}")).isEqualTo(new Run(7, "{\"in\":1} out\n", "err\n"));
  }

  @Test
  void aScriptKilledByASignalKillsTheFrontDoorWithIt() throws Exception {
    Path p = script("killed", "kill -TERM $$\n");

    assertThat(run(p, "").exit()).isEqualTo(128 + 15);
  }

  @Test
  void theTruthLineOfAnAddGainsTheExitStampAfterTheScriptsLastStamp() throws Exception {
    Path delay = DelayPlugins.installWithFakeDelegate(dir);
    stamp.frontOf(delay);
    Path truth = dir.resolve("truth.jsonl");
    String conf =
        "{\"cniVersion\":\"0.4.0\",\"name\":\"n\",\"type\":\"netmark-delay\",\"delegate\":\"fake\","
            + "\"truthFile\":\""
            + truth
            + "\"}";

    Run add =
        run(
            delay,
            conf,
            "CNI_COMMAND",
            "ADD",
            "CNI_NETNS",
            "/nonexistent",
            "CNI_CONTAINERID",
            "c1",
            "CNI_ARGS",
            "K8S_POD_UID=u1");
    Run del = run(delay, conf, "CNI_COMMAND", "DEL", "CNI_CONTAINERID", "c1");

    assertThat(add).isEqualTo(new Run(0, "{\"cniVersion\":\"0.4.0\",\"ips\":[]}\n", ""));
    assertThat(del.exit()).isZero();
    // One line, from the ADD alone: a DEL writes no truth.
    assertThat(Files.readAllLines(truth)).hasSize(1).allMatch(l -> l.contains("\"exitUs\":"));
    DelayTruth.Add a = DelayTruth.read(truth).adds().get("u1");
    assertThat(a.exitUs()).isGreaterThanOrEqualTo(a.endUs());
    assertThat(a.endUs()).isGreaterThan(a.startUs());
    // The front door's own fields: its monotonic stamps in order, and its clock pair maps its
    // wall-clock start stamp (µs, read right before the monotonic one) onto the monotonic one.
    DelayTruth.FrontDoor door = a.door();
    assertThat(door.pid()).isPositive();
    assertThat(door.exitMonoNs()).isGreaterThan(door.startMonoNs());
    assertThat(door.exitMonoNs() - door.startMonoNs())
        .isCloseTo((a.exitUs() - a.startUs()) * 1000, within(1_000_000L));
    assertThat(door.monoNsOfWallUs(a.startUs())).isCloseTo(door.startMonoNs(), within(100_000L));
  }

  @Test
  void theRawFrontDoorGapsAreReadFromItsExitStamp() throws Exception {
    double[] gaps = PluginStart.frontDoorMillis(dir, 3, stamp);

    // It throws when the front door appended no exit stamp; both medians are numbers.
    assertThat(gaps).hasSize(2).doesNotContain(Double.NaN);
  }
}
