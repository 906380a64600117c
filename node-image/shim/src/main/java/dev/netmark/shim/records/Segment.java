package dev.netmark.shim.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One file of the record log: the events from seq {@code base} on, and where each line ends. */
final class Segment {
  final long base;
  final FileChannel channel;
  final OffsetIndex offsets;
  Path file;

  Segment(Path file, long base, FileChannel channel, OffsetIndex offsets) {
    this.file = file;
    this.base = base;
    this.channel = channel;
    this.offsets = offsets;
  }

  /** The seq after this segment's last event. */
  long next() {
    return base + offsets.size();
  }

  /** The lines (gap lines left out) of up to {@code limit} seqs from {@code seq}, and how many. */
  Page read(long seq, int limit) {
    OffsetIndex.Range range = offsets.range(seq - base, limit);
    if (range.count() == 0) {
      return new Page(List.of(), 0);
    }
    ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(range.end() - range.start()));
    try {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, range.start() + buffer.position()) < 0) {
          throw new IOException(
              "unexpected end of file at byte " + (range.start() + buffer.position()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read record log " + file, e);
    }
    List<String> lines = new ArrayList<>();
    for (String line : new String(buffer.array(), StandardCharsets.UTF_8).split("\n")) {
      if (!line.startsWith(RecordLogLoader.GAP_PREFIX)) {
        lines.add(line);
      }
    }
    return new Page(lines, range.count());
  }

  /** Lines read, and the number of seqs they cover (gap lines count, but are not returned). */
  record Page(List<String> lines, int seqs) {}
}
