package dev.netmark.bench.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.testing.local.delay.DelayTruth;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's process events of processes started here (needs root: the connector asks for
 * CAP_NET_ADMIN): a process's life as the kernel stamped it, and the compiled front door found
 * among the events from its own truth line.
 */
class ProcConnectorIT {
  @TempDir static Path dir;
  private static final ProcLog LOG = new ProcLog();
  private static ProcConnector connector;

  @BeforeAll
  static void open() throws Exception {
    connector = ProcConnector.open(LOG, Duration.ofSeconds(5));
  }

  @AfterAll
  static void close() throws InterruptedException {
    connector.close();
  }

  private static ProcLog.Life lifeOf(int pid, long aliveNs) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (LOG.life(pid, aliveNs).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(connector.failure()).isNull();
    return LOG.life(pid, aliveNs).orElseThrow(() -> new AssertionError("no life of pid " + pid));
  }

  @Test
  void aProcessStartedHereIsSeenCreatedExecdAndExitedOnTheClockOfNanoTime() throws Exception {
    long before = System.nanoTime();
    Process p = new ProcessBuilder("sleep", "0.3").start();
    long alive = System.nanoTime();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    long after = System.nanoTime();

    ProcLog.Life life = lifeOf((int) p.pid(), alive);

    assertThat(life.forkNs()).isBetween(before, alive);
    assertThat(life.execNs()).isBetween(life.forkNs(), life.exitNs());
    assertThat(life.exitNs()).isBetween(alive, after);
    assertThat(life.millis()).isBetween(300.0, 300.0 + (after - before) / 1e6);
  }

  @Test
  void theFrontDoorIsFoundFromItsTruthLineAndItsStampsLieInsideItsLife() throws Exception {
    TruthStamp stamp = TruthStamp.compile(dir);
    Path delay = DelayPlugins.installWithFakeDelegate(dir);
    stamp.frontOf(delay);
    Path truth = dir.resolve("truth.jsonl");
    ProcessBuilder pb = new ProcessBuilder(delay.toString());
    pb.environment().put("CNI_COMMAND", "ADD");
    pb.environment().put("CNI_NETNS", "/nonexistent");
    pb.environment().put("CNI_CONTAINERID", "c1");
    pb.environment().put("CNI_ARGS", "K8S_POD_UID=u1");
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(
          ("{\"cniVersion\":\"0.4.0\",\"name\":\"n\",\"type\":\"netmark-delay\","
                  + "\"delegate\":\"fake\",\"addDelayMs\":20,\"truthFile\":\""
                  + truth
                  + "\"}")
              .getBytes(StandardCharsets.UTF_8));
    }
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();

    DelayTruth.Add add = DelayTruth.read(truth).adds().get("u1");
    DelayTruth.FrontDoor door = add.door();
    assertThat(door.pid()).isEqualTo((int) p.pid());
    ProcLog.Life life = lifeOf(door.pid(), door.startMonoNs());

    assertThat(life.forkNs()).isLessThan(life.execNs()).isLessThan(door.startMonoNs());
    assertThat(door.exitMonoNs()).isBetween(door.startMonoNs(), life.exitNs());
    // The kernel's truth holds the front door's own and its start and exit around it.
    assertThat(life.millis()).isGreaterThan(add.addMillis()).isGreaterThan(20.0);
  }
}
