package dev.netmark.testing.local.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.testing.local.host.HostException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One local run per prefix: the lock is another process's while it lives, and no longer. */
class RunLockTest {
  @TempDir Path dir;
  private Process holder;

  @AfterEach
  void endHolder() throws InterruptedException {
    if (holder != null) {
      holder.destroyForcibly();
      holder.waitFor();
    }
  }

  @Test
  void aSecondClaimFailsWhileTheFirstHoldsAndSucceedsAfterRelease() throws Exception {
    Path file = dir.resolve("lock/netmark-local-nml.lock");
    holder = startHolder(file);
    BufferedReader out = output(holder);
    assertThat(out.readLine()).isEqualTo(LockHolder.HELD);

    assertThatThrownBy(() -> RunLock.claim(file, "nml"))
        .isInstanceOf(HostException.class)
        .hasMessage(
            "a local run with prefix 'nml' is still going (pid "
                + holder.pid()
                + " holds "
                + file
                + "): stop it or choose another prefix");

    OutputStream in = holder.getOutputStream();
    in.write("release\n".getBytes(StandardCharsets.UTF_8));
    in.flush();
    assertThat(out.readLine()).isEqualTo(LockHolder.RELEASED);
    try (RunLock lock = RunLock.claim(file, "nml")) {
      assertThat(Files.readString(lock.file()).strip())
          .isEqualTo(Long.toString(ProcessHandle.current().pid()));
    }
  }

  @Test
  void aHolderKilledWithSigkillBlocksNobody() throws Exception {
    Path file = dir.resolve("netmark-local-nml.lock");
    holder = startHolder(file);
    assertThat(output(holder).readLine()).isEqualTo(LockHolder.HELD);
    assertThat(Files.readString(file).strip()).isEqualTo(Long.toString(holder.pid()));

    holder.destroyForcibly(); // SIGKILL: no release, no shutdown hook
    assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(holder.exitValue()).isEqualTo(128 + 9);

    try (RunLock lock = RunLock.claim(file, "nml")) {
      assertThat(Files.readString(file).strip())
          .isEqualTo(Long.toString(ProcessHandle.current().pid()));
    }
  }

  @Test
  void thisProcessCannotClaimAPrefixTwice() throws Exception {
    Path file = dir.resolve("netmark-local-nml.lock");
    try (RunLock first = RunLock.claim(file, "nml")) {
      assertThatThrownBy(() -> RunLock.claim(file, "nml"))
          .hasMessageContaining(
              "prefix 'nml' is still going (pid " + ProcessHandle.current().pid());
    }
    RunLock.claim(file, "nml").close();
  }

  @Test
  void theLockLivesOutsideEveryStateRoot() {
    assertThat(RunLock.file("nml")).isEqualTo(Path.of("/run/lock/netmark-local-nml.lock"));
  }

  private static Process startHolder(Path file) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            LockHolder.class.getName(),
            file.toString(),
            "nml")
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  private static BufferedReader output(Process p) {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }
}
