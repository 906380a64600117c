package dev.netmark.testing.local.fabric;

import dev.netmark.testing.local.host.HostException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock that makes a local run the only one with its prefix for as long as it lives, cleaning of
 * leftovers at start and the sweep after teardown included (docs/design.md, "Local mode"). A kernel
 * file lock on {@code /run/lock/netmark-local-PREFIX.lock}, outside every state root, which
 * cleaning never deletes: the kernel drops it when the holder dies, even by SIGKILL. The holder's
 * pid is written into the file for the message of the run that is refused.
 */
final class RunLock implements AutoCloseable {
  private static final Path DIR = Path.of("/run/lock");

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** Where the lock of {@code prefix} lives: one per prefix on the machine, whatever state root. */
  static Path file(String prefix) {
    return DIR.resolve("netmark-local-" + prefix + ".lock");
  }

  /**
   * Takes the lock in {@code file} for a run with {@code prefix}, at once or not at all.
   *
   * @throws HostException when another live process (or this one) holds it, naming the prefix and
   *     the holder's pid, or when the file cannot be opened
   */
  static RunLock claim(Path file, String prefix) {
    FileChannel channel = null;
    try {
      Files.createDirectories(file.getParent());
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // this JVM holds it already: another run of this process
      }
      if (lock == null) {
        String holder = holder(channel);
        channel.close();
        throw new HostException(
            "a local run with prefix '"
                + prefix
                + "' is still going (pid "
                + holder
                + " holds "
                + file
                + "): stop it or choose another prefix");
      }
      byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(pid), 0);
      return new RunLock(file, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel, e);
      throw new HostException(
          "cannot take the lock of local runs with prefix '"
              + prefix
              + "' ("
              + file
              + "): "
              + e.getMessage(),
          e);
    }
  }

  /** The pid the holder wrote, or "unknown" while it has not yet. */
  private static String holder(FileChannel channel) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(32);
    channel.read(buf, 0);
    String pid = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).strip();
    return pid.matches("\\d+") ? pid : "unknown";
  }

  private static void closeQuietly(FileChannel channel, IOException failure) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
  }

  Path file() {
    return file;
  }

  /** Releases the lock; the file stays (deleting it would let two runs lock two files). */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
