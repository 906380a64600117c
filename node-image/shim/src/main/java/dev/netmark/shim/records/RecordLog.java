package dev.netmark.shim.records;

import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shim's append-only log of {@link PodEvent}s, one JSON line per event in {@code
 * <stateDir>/records.jsonl}.
 *
 * <p>Every {@link #append} is written to the file at the log's end offset before it returns, so a
 * shim that crashes or restarts loses nothing (a machine crash may lose the unsynced tail). An
 * append that fails part-way (a full disk) is cut back off the file, and the next one writes at the
 * same offset: the file never holds half a line followed by more. {@link #open} reloads the files,
 * drops a torn last line, moves lines that are not events in sequence to a quarantine file, and
 * continues the sequence numbers.
 *
 * <p>Once {@code records.jsonl} reaches the size limit it is renamed {@code records-<first
 * seq>.jsonl} and a new one begins; only the newest rotated files are kept, so the disk, the memory
 * (one {@code long} per event, its byte offset) and the replay at start stay bounded
 * (docs/design.md, "Faults"). Reads below the oldest kept seq start at it.
 *
 * <p>Thread-safe: appends and reads are serialized; pages are read back from the files.
 */
public final class RecordLog implements AutoCloseable {
  /** The file name inside the state directory. */
  public static final String FILE_NAME = "records.jsonl";

  /** Size at which the current file is rotated. */
  public static final long MAX_FILE_BYTES = 32L << 20;

  /** Rotated files kept besides the current one. */
  public static final int KEEP_ROTATED = 3;

  private static final Pattern ROTATED = Pattern.compile("records-(\\d{1,19})\\.jsonl");
  private static final Logger LOG = LoggerFactory.getLogger(RecordLog.class);

  /** Opens the log's file for reading and writing (tests inject faults here). */
  @FunctionalInterface
  interface Channels {
    FileChannel open(Path file) throws IOException;
  }

  private static final Channels FILES =
      file ->
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);

  private final Path dir;
  private final Channels channels;
  private final long maxFileBytes;
  private final int keepRotated;
  private final Deque<Segment> rotated; // oldest first
  private Segment active;
  private final int quarantined;
  private volatile String appendFailure;

  private RecordLog(
      Path dir,
      Channels channels,
      long maxFileBytes,
      int keepRotated,
      Deque<Segment> rotated,
      Segment active,
      int quarantined) {
    this.dir = dir;
    this.channels = channels;
    this.maxFileBytes = maxFileBytes;
    this.keepRotated = keepRotated;
    this.rotated = rotated;
    this.active = active;
    this.quarantined = quarantined;
  }

  /**
   * Opens (creating if needed) the log in {@code stateDir} and reloads what an earlier shim wrote.
   *
   * @throws UncheckedIOException when the file cannot be read or written
   */
  public static RecordLog open(Path stateDir) {
    return open(stateDir, FILES, MAX_FILE_BYTES, KEEP_ROTATED);
  }

  static RecordLog open(Path stateDir, Channels channels) {
    return open(stateDir, channels, MAX_FILE_BYTES, KEEP_ROTATED);
  }

  static RecordLog open(Path stateDir, Channels channels, long maxFileBytes, int keepRotated) {
    if (maxFileBytes < 1 || keepRotated < 1) {
      throw new IllegalArgumentException(
          "record log needs a size limit >= 1 and >= 1 rotated file, got "
              + maxFileBytes
              + " and "
              + keepRotated);
    }
    Path file = stateDir.resolve(FILE_NAME);
    Deque<Segment> rotated = new ArrayDeque<>();
    int quarantined = 0;
    try {
      Files.createDirectories(stateDir);
      for (Path old : rotatedFiles(stateDir)) {
        long base = Long.parseLong(matcher(old).group(1));
        RecordLogLoader.Loaded loaded = RecordLogLoader.load(old, base);
        quarantined += loaded.quarantined();
        rotated.addLast(
            new Segment(old, base, FileChannel.open(old, StandardOpenOption.READ), loaded.index()));
      }
      long base = rotated.isEmpty() ? RecordLogLoader.firstSeq(file, 0) : rotated.getLast().next();
      RecordLogLoader.Loaded loaded = RecordLogLoader.load(file, base);
      quarantined += loaded.quarantined();
      Segment active = new Segment(file, base, channels.open(file), loaded.index());
      return new RecordLog(
          stateDir, channels, maxFileBytes, keepRotated, rotated, active, quarantined);
    } catch (IOException e) {
      rotated.forEach(RecordLog::closeQuietly);
      throw new UncheckedIOException("cannot open record log " + file, e);
    }
  }

  private static List<Path> rotatedFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> matcher(f).matches())
          .sorted(Comparator.comparingLong(f -> Long.parseLong(matcher(f).group(1))))
          .toList();
    }
  }

  private static Matcher matcher(Path file) {
    Matcher m = ROTATED.matcher(file.getFileName().toString());
    m.matches();
    return m;
  }

  /**
   * Appends an event, replacing its seq by the next position of the log.
   *
   * @return the event as stored, with its seq
   */
  public synchronized PodEvent append(PodEvent event) {
    PodEvent stored = event.withSeq(active.next());
    byte[] line = (PodEventCodec.toJson(stored) + "\n").getBytes(StandardCharsets.UTF_8);
    long start = active.offsets.end();
    try {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        active.channel.write(buffer, start + buffer.position());
      }
    } catch (IOException e) {
      appendFailure =
          "records: cannot append to " + active.file + " (" + e.getMessage() + ")" + cutBack(start);
      throw new UncheckedIOException("cannot append to record log " + active.file, e);
    }
    active.offsets.add(start + line.length);
    appendFailure = null;
    if (active.offsets.end() >= maxFileBytes) {
      rotate();
    }
    return stored;
  }

  // Removes what a failed append wrote; if even that fails, the next append overwrites it.
  private String cutBack(long end) {
    try {
      active.channel.truncate(end);
      return "";
    } catch (IOException e) {
      return "; the partial line stays until the next append overwrites it (" + e + ")";
    }
  }

  // Renames the full file aside (its channel stays open for reads), starts a new one and drops
  // the oldest rotated files. A failure leaves appends going to the full file.
  private void rotate() {
    Path aside = dir.resolve("records-" + active.base + ".jsonl");
    try {
      Files.move(active.file, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("cannot rotate record log {}: {}", active.file, e.toString());
      return;
    }
    Path file = dir.resolve(FILE_NAME);
    FileChannel fresh;
    try {
      fresh = channels.open(file);
    } catch (IOException e) {
      // The event is written; only the rotation fails. Put the file back and keep appending.
      LOG.warn("cannot start a new record log {}: {}", file, e.toString());
      try {
        Files.move(aside, active.file, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException back) {
        active.file = aside;
      }
      return;
    }
    active.file = aside;
    rotated.addLast(active);
    active = new Segment(file, active.next(), fresh, new OffsetIndex());
    while (rotated.size() > keepRotated) {
      Segment oldest = rotated.removeFirst();
      closeQuietly(oldest);
      try {
        Files.deleteIfExists(oldest.file);
      } catch (IOException e) {
        LOG.warn("cannot delete the old record log {}: {}", oldest.file, e.toString());
      }
      LOG.info("record log: dropped {} (seqs below {})", oldest.file, oldest.next());
    }
  }

  /**
   * What is wrong with the log, for {@code /healthz}: lines quarantined at start, the last append
   * failed; null when neither.
   */
  public String problem() {
    String failure = appendFailure;
    String moved =
        quarantined == 0
            ? null
            : "records: "
                + quarantined
                + " bad line(s) of "
                + dir.resolve(FILE_NAME)
                + " moved to "
                + RecordLogLoader.QUARANTINE
                + " at start";
    if (failure == null || moved == null) {
      return failure == null ? moved : failure;
    }
    return moved + "; " + failure;
  }

  /** The seq the next event gets (the number of events ever logged, with gaps). */
  public synchronized long size() {
    return active.next();
  }

  /**
   * Reads up to {@code limit} events with {@code seq >= cursor} (from the oldest kept seq when the
   * cursor is below it).
   *
   * @throws IllegalArgumentException when cursor is negative or limit not positive
   */
  public synchronized RecordPage read(long cursor, int limit) {
    if (cursor < 0 || limit <= 0) {
      throw new IllegalArgumentException(
          "record log read needs cursor >= 0 and limit > 0, got cursor="
              + cursor
              + " limit="
              + limit);
    }
    long from = Math.max(cursor, rotated.isEmpty() ? active.base : rotated.getFirst().base);
    Segment segment = active;
    for (Segment s : rotated) {
      if (from < s.next()) {
        segment = s;
        break;
      }
    }
    if (from >= active.next()) {
      return new RecordPage(List.of(), cursor, false);
    }
    Segment.Page page = segment.read(from, limit);
    long next = from + page.seqs();
    return new RecordPage(page.lines(), next, next < active.next());
  }

  /** Feeds every kept event, in seq order, to {@code sink} (used to rebuild metrics). */
  public void replay(Consumer<PodEvent> sink) {
    long cursor = 0;
    while (true) {
      RecordPage page = read(cursor, 1024);
      page.lines().forEach(line -> sink.accept(PodEventCodec.fromJson(line)));
      if (!page.more()) {
        return;
      }
      cursor = page.nextCursor();
    }
  }

  private static void closeQuietly(Segment s) {
    try {
      s.channel.close();
    } catch (IOException e) {
      // Read-only and about to be dropped: nothing is lost if closing fails.
      LOG.debug("closing {} failed: {}", s.file, e.toString());
    }
  }

  @Override
  public synchronized void close() {
    rotated.forEach(RecordLog::closeQuietly);
    try {
      active.channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close record log " + active.file, e);
    }
  }
}
