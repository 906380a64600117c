package dev.netmark.bench.density;

import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies the shims' record logs ({@code records.jsonl}, one JSON record a line) as they grow. The
 * run's teardown deletes them with its state directory, possibly between two polls, so each file is
 * held open from the first time it is seen: a deleted file stays readable through its open channel,
 * and {@link #finish()} reads what the last poll missed. A file replaced under the same name (the
 * shim rewrites its log on start) is read to its end before the new one is followed.
 */
final class RecordCopies implements AutoCloseable {
  /** An open record log and how far it has been read. */
  private static final class Followed {
    final FileChannel channel;
    final Object fileKey;
    long offset;

    Followed(FileChannel channel, Object fileKey) {
      this.channel = channel;
      this.fileKey = fileKey;
    }
  }

  private final Map<Path, Followed> files = new HashMap<>();
  private final List<PodEvent> events = new ArrayList<>();

  /** Reads the lines {@code file} gained since the last call; a missing file adds nothing. */
  void read(Path file) {
    Followed held = files.get(file);
    Object key = fileKey(file);
    if (held != null && key != null && !key.equals(held.fileKey)) {
      drain(held);
      closeQuietly(held);
      files.remove(file);
      held = null;
    }
    if (held == null) {
      if (key == null) {
        return; // not there yet
      }
      try {
        held = new Followed(FileChannel.open(file, StandardOpenOption.READ), key);
      } catch (IOException e) {
        return; // deleted between the two calls
      }
      files.put(file, held);
    }
    drain(held);
  }

  /** Reads what every held file gained since the last poll, deleted files included. */
  void finish() {
    files.values().forEach(this::drain);
  }

  @Override
  public void close() {
    files.values().forEach(RecordCopies::closeQuietly);
    files.clear();
  }

  private void drain(Followed f) {
    try {
      long size = f.channel.size();
      if (size <= f.offset) {
        return;
      }
      ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size - f.offset));
      while (buf.hasRemaining() && f.channel.read(buf, f.offset + buf.position()) > 0) {
        // Read up to the size seen above.
      }
      int end = buf.position();
      while (end > 0 && buf.get(end - 1) != '\n') {
        end--; // a line still being written waits for the next call
      }
      f.offset += end;
      add(new String(buf.array(), 0, end, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read a shim record log: " + e.getMessage(), e);
    }
  }

  private static Object fileKey(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return null; // its directory is going away with teardown
    }
  }

  private static void closeQuietly(Followed f) {
    try {
      f.channel.close();
    } catch (IOException e) {
      // Read-only: nothing to flush.
    }
  }

  /** Adds the record of every non-blank line of {@code lines}. */
  void add(String lines) {
    for (String line : lines.split("\n")) {
      if (!line.isBlank()) {
        events.add(PodEventCodec.fromJson(line.strip()));
      }
    }
  }

  /** Whether any record copied so far is of a pod outside {@code namespace}. */
  boolean anyOutside(String namespace) {
    return events.stream().anyMatch(e -> !namespace.equals(e.namespace()));
  }

  /** Every record copied so far, in the order read. */
  List<PodEvent> events() {
    return List.copyOf(events);
  }
}
