package dev.netmark.shim.records;

import dev.netmark.contract.PodEventCodec;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the offset index of an existing record log. A torn last line is cut; a line that is not
 * an event in sequence is moved to {@value #QUARANTINE}, and when the lines after it show that it
 * held a seq, a gap line ({@code {"gap":"quarantined","seq":N}}) takes its place, which readers
 * never see (docs/design.md, "Faults"). One bad line never stops a node.
 */
final class RecordLogLoader {
  /** Where bad lines go, in the state directory, appended at every load that finds some. */
  static final String QUARANTINE = "records.quarantine.jsonl";

  /** How a gap line starts; no event line starts so ({@code PodEvent} begins with its seq). */
  static final String GAP_PREFIX = "{\"gap\":";

  private static final Pattern GAP =
      Pattern.compile("\\{\"gap\":\"quarantined\",\"seq\":(\\d{1,18})}");
  private static final Logger LOG = LoggerFactory.getLogger(RecordLogLoader.class);

  /** The index, and how many lines were moved to the quarantine file. */
  record Loaded(OffsetIndex index, int quarantined) {}

  // The file as it should be: runs of good lines, bad lines to move out, gap lines to write.
  private sealed interface Piece {}

  private record Keep(long start, long end) implements Piece {}

  private record Bad(long start, long end, long lineNo, String reason) implements Piece {}

  private record Gap(byte[] line) implements Piece {}

  private RecordLogLoader() {}

  static byte[] gapLine(long seq) {
    return (GAP_PREFIX + "\"quarantined\",\"seq\":" + seq + "}\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Loads a log file whose first line should hold seq {@code base}. */
  static Loaded load(Path file, long base) throws IOException {
    OffsetIndex index = new OffsetIndex();
    if (!Files.exists(file)) {
      return new Loaded(index, 0);
    }
    List<Piece> pieces = new ArrayList<>();
    int bad = 0;
    long offset = 0;
    long lineStart = 0;
    long lineNo = 0;
    long shift = 0; // bytes the rewritten file gains (gap lines) or loses (bad lines) up to here
    int badSinceGood = 0;
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
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        long seq = seq(text);
        long expected = base + index.size();
        if (seq >= expected && seq <= expected + badSinceGood) {
          while (base + index.size() < seq) { // the seqs the bad lines held: gaps, never reused
            byte[] gap = gapLine(base + index.size());
            pieces.add(new Gap(gap));
            shift += gap.length;
            index.add(lineStart + shift);
          }
          index.add(offset + shift);
          keep(pieces, lineStart, offset);
          badSinceGood = 0;
        } else {
          String reason =
              seq == -1 ? notAnEvent(text) : "expected seq " + expected + ", found " + seq;
          pieces.add(new Bad(lineStart, offset, lineNo, reason));
          shift -= offset - lineStart;
          badSinceGood++;
          bad++;
        }
        lineStart = offset;
      }
    }
    if (line.size() > 0) {
      // A write cut short by a crash: the event was never acknowledged, so dropping it is exact.
      LOG.warn(
          "record log {}: dropping a torn last line of {} bytes after seq {}",
          file,
          line.size(),
          base + index.size() - 1);
    }
    if (bad > 0) {
      rewrite(file, pieces);
    } else if (line.size() > 0) {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.truncate(index.end());
      }
    }
    LOG.info("record log {}: reloaded {} events", file, index.size());
    return new Loaded(index, bad);
  }

  /** The seq of the file's first line, or {@code otherwise} when it has none that can be read. */
  static long firstSeq(Path file, long otherwise) throws IOException {
    if (!Files.exists(file)) {
      return otherwise;
    }
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      long seq = lines.findFirst().map(RecordLogLoader::seq).orElse(-1L);
      return seq < 0 ? otherwise : seq;
    } catch (java.io.UncheckedIOException e) {
      return otherwise; // not UTF-8: the load quarantines it
    }
  }

  /** The line's seq (an event's or a gap line's), or -1 when it is neither. */
  private static long seq(String text) {
    if (text.startsWith(GAP_PREFIX)) {
      Matcher m = GAP.matcher(text);
      return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
    try {
      return PodEventCodec.fromJson(text).seq();
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  private static String notAnEvent(String text) {
    try {
      PodEventCodec.fromJson(text);
      return "not a gap line";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static void keep(List<Piece> pieces, long start, long end) {
    if (!pieces.isEmpty() && pieces.getLast() instanceof Keep k && k.end() == start) {
      pieces.set(pieces.size() - 1, new Keep(k.start(), end));
    } else {
      pieces.add(new Keep(start, end));
    }
  }

  // Appends the bad lines to the quarantine file, then replaces the log by its good lines and
  // gap lines (which drops a torn tail too), each synced before the rename.
  private static void rewrite(Path file, List<Piece> pieces) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path quarantine = dir.resolve(QUARANTINE);
    Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
        FileChannel q =
            FileChannel.open(
                quarantine,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        FileChannel out =
            FileChannel.open(
                tmp,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
      for (Piece p : pieces) {
        switch (p) {
          case Keep k -> copy(in, k.start(), k.end(), out);
          case Gap g -> out.write(ByteBuffer.wrap(g.line()));
          case Bad b -> {
            LOG.error(
                "record log {} line {}: {}; moved to {}", file, b.lineNo(), b.reason(), quarantine);
            copy(in, b.start(), b.end(), q);
          }
        }
      }
      q.force(true);
      out.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  private static void copy(FileChannel in, long from, long to, FileChannel out) throws IOException {
    long done = from;
    while (done < to) {
      done += in.transferTo(done, to - done, out);
    }
  }
}
