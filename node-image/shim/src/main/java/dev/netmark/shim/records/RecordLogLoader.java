package dev.netmark.shim.records;

import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rebuilds the offset index of an existing record log, cutting a torn last line. */
final class RecordLogLoader {
  private static final Logger LOG = LoggerFactory.getLogger(RecordLogLoader.class);

  private RecordLogLoader() {}

  static OffsetIndex load(Path file) throws IOException {
    OffsetIndex index = new OffsetIndex();
    if (!Files.exists(file)) {
      return index;
    }
    long offset = 0;
    long lineNo = 0;
    ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      int b;
      while ((b = in.read()) >= 0) {
        offset++;
        if (b != '\n') {
          line.write(b);
          continue;
        }
        lineNo++;
        check(file, lineNo, line.toString(StandardCharsets.UTF_8), index.size());
        index.add(offset);
        line.reset();
      }
    }
    if (line.size() > 0) {
      // A write cut short by a crash: the event was never acknowledged, so dropping it is exact.
      LOG.warn(
          "record log {}: dropping a torn last line of {} bytes after seq {}",
          file,
          line.size(),
          index.size() - 1);
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.truncate(index.end());
      }
    }
    LOG.info("record log {}: reloaded {} events", file, index.size());
    return index;
  }

  private static void check(Path file, long lineNo, String text, long expectedSeq) {
    PodEvent event;
    try {
      event = PodEventCodec.fromJson(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "record log " + file + " line " + lineNo + ": " + e.getMessage(), e);
    }
    if (event.seq() != expectedSeq) {
      throw new IllegalStateException(
          "record log "
              + file
              + " line "
              + lineNo
              + ": expected seq "
              + expectedSeq
              + ", found "
              + event.seq());
    }
  }
}
