package dev.netmark.testing.local.fabric;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the local runs alive on this machine need of the shared neighbour table, kept in a directory
 * outside every run's state root ({@code /run/lock/netmark-neighbour}): the host's own limits from
 * before the first claim ({@code host}), and one file per run ({@code claims/<prefix>}: pid, the
 * process's start time, entries). A claim whose process is gone (a run killed with SIGKILL) counts
 * no more; when the last live claim is released, the host's limits come back and {@code host} is
 * deleted. Every change happens under a kernel file lock, so overlapping runs of other prefixes
 * never restore limits another run still needs, and never keep limits raised that nobody needs.
 */
final class NeighbourClaims {
  /** Where the claims of this machine live. */
  static final Path DIR = Path.of("/run/lock/netmark-neighbour");

  // Two runs in one JVM (tests) would share the file lock: the kernel lock is per process.
  private static final ReentrantLock IN_PROCESS = new ReentrantLock();

  /** The host's current limits, soft and hard. */
  interface Current {
    int[] read() throws IOException;
  }

  /** Sets the limits for the live claims, given the host's own; called under the lock. */
  interface Apply {
    void apply(int[] host) throws IOException;
  }

  private final Path dir;
  private final Current current;

  NeighbourClaims(Path dir, Current current) {
    this.dir = dir;
    this.current = current;
  }

  /** Claims {@code entries} for {@code run}, keeping the host's limits first if nobody has. */
  void claim(String run, int entries, Apply apply) throws IOException {
    locked(
        () -> {
          Files.createDirectories(claims());
          pruneDead();
          Path host = dir.resolve("host");
          if (!Files.exists(host)) {
            int[] now = current.read();
            Files.writeString(host, now[0] + " " + now[1] + "\n");
          }
          ProcessHandle self = ProcessHandle.current();
          Files.writeString(
              claims().resolve(run), self.pid() + " " + started(self) + " " + entries + "\n");
          apply.apply(host());
        });
  }

  /** Releases the claim of {@code run}; the last live claim brings the host's limits back. */
  void release(String run, Apply apply) throws IOException {
    locked(
        () -> {
          Files.deleteIfExists(claims().resolve(run));
          pruneDead();
          int[] host = host();
          apply.apply(host);
          if (largestLive() == 0) {
            Files.deleteIfExists(dir.resolve("host"));
          }
        });
  }

  /** The entries of the largest live claim, 0 when there is none. Call under the lock. */
  int largestLive() throws IOException {
    int largest = 0;
    if (!Files.isDirectory(claims())) {
      return 0;
    }
    try (DirectoryStream<Path> all = Files.newDirectoryStream(claims())) {
      for (Path claim : all) {
        String[] f = Files.readString(claim).strip().split(" ");
        largest = Math.max(largest, Integer.parseInt(f[2]));
      }
    }
    return largest;
  }

  private interface Work {
    void run() throws IOException;
  }

  private void locked(Work work) throws IOException {
    IN_PROCESS.lock();
    try {
      Files.createDirectories(dir);
      try (FileChannel ch =
              FileChannel.open(
                  dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        work.run();
      }
    } finally {
      IN_PROCESS.unlock();
    }
  }

  private Path claims() {
    return dir.resolve("claims");
  }

  private int[] host() throws IOException {
    String[] f = Files.readString(dir.resolve("host")).strip().split(" ");
    return new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])};
  }

  /** Deletes the claims of processes that are gone (or whose pid a new process reuses). */
  private void pruneDead() throws IOException {
    try (DirectoryStream<Path> all = Files.newDirectoryStream(claims())) {
      for (Path claim : all) {
        String[] f;
        try {
          f = Files.readString(claim, StandardCharsets.US_ASCII).strip().split(" ");
          Integer.parseInt(f[2]);
        } catch (IOException | RuntimeException e) {
          Files.deleteIfExists(claim); // torn or foreign: it cannot hold anything
          continue;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(Long.parseLong(f[0]));
        if (p.isEmpty() || !started(p.get()).equals(f[1])) {
          Files.deleteIfExists(claim);
        }
      }
    }
  }

  private static String started(ProcessHandle p) {
    return p.info().startInstant().map(Instant::toEpochMilli).map(String::valueOf).orElse("-");
  }
}
