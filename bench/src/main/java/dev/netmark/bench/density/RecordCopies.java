package dev.netmark.bench.density;

import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies the shims' record logs ({@code records.jsonl}, one JSON record a line) as they grow, since
 * teardown deletes them with the run's state directory: each call reads only the complete lines
 * appended since the last one.
 */
final class RecordCopies {
  private final Map<Path, Long> offsets = new HashMap<>();
  private final List<PodEvent> events = new ArrayList<>();

  /** Reads the lines {@code file} gained since the last call; a missing file adds nothing. */
  void read(Path file) {
    long offset = offsets.getOrDefault(file, 0L);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size <= offset) {
        return;
      }
      ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size - offset));
      while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) > 0) {
        // Read up to the size seen above.
      }
      int end = buf.position();
      while (end > 0 && buf.get(end - 1) != '\n') {
        end--; // a line still being written waits for the next call
      }
      offsets.put(file, offset + end);
      add(new String(buf.array(), 0, end, StandardCharsets.UTF_8));
    } catch (IOException e) {
      // Not there yet, or already deleted by teardown: nothing new to copy.
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
