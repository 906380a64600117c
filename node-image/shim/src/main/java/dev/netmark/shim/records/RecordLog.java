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
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The shim's append-only log of {@link PodEvent}s, one JSON line per event in {@code
 * <stateDir>/records.jsonl}.
 *
 * <p>Every {@link #append} is written to the file at the log's end offset before it returns, so a
 * shim that crashes or restarts loses nothing (a machine crash may lose the unsynced tail). An
 * append that fails part-way (a full disk) is cut back off the file, and the next one writes at the
 * same offset: the file never holds half a line followed by more. {@link #open} reloads the file,
 * drops a torn last line, moves lines that are not events in sequence to a quarantine file, and
 * continues the sequence numbers. Memory is one {@code long} per event (its byte offset); pages are
 * read back from the file.
 *
 * <p>Thread-safe: appends are serialized; reads run concurrently with appends.
 */
public final class RecordLog implements AutoCloseable {
  /** The file name inside the state directory. */
  public static final String FILE_NAME = "records.jsonl";

  /** Opens the log's file for reading and writing (tests inject faults here). */
  @FunctionalInterface
  interface Channels {
    FileChannel open(Path file) throws IOException;
  }

  private static final Channels FILES =
      file ->
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);

  private final Path file;
  private final FileChannel channel;
  private final OffsetIndex offsets;
  private final int quarantined;
  private volatile String appendFailure;

  private RecordLog(Path file, FileChannel channel, OffsetIndex offsets, int quarantined) {
    this.file = file;
    this.channel = channel;
    this.offsets = offsets;
    this.quarantined = quarantined;
  }

  /**
   * Opens (creating if needed) the log in {@code stateDir} and reloads what an earlier shim wrote.
   *
   * @throws UncheckedIOException when the file cannot be read or written
   */
  public static RecordLog open(Path stateDir) {
    return open(stateDir, FILES);
  }

  static RecordLog open(Path stateDir, Channels channels) {
    Path file = stateDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(stateDir);
      RecordLogLoader.Loaded loaded = RecordLogLoader.load(file);
      return new RecordLog(file, channels.open(file), loaded.index(), loaded.quarantined());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open record log " + file, e);
    }
  }

  /**
   * Appends an event, replacing its seq by the next position of the log.
   *
   * @return the event as stored, with its seq
   */
  public synchronized PodEvent append(PodEvent event) {
    PodEvent stored = event.withSeq(offsets.size());
    byte[] line = (PodEventCodec.toJson(stored) + "\n").getBytes(StandardCharsets.UTF_8);
    long start = offsets.end();
    try {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer, start + buffer.position());
      }
    } catch (IOException e) {
      appendFailure =
          "records: cannot append to " + file + " (" + e.getMessage() + ")" + cutBack(start);
      throw new UncheckedIOException("cannot append to record log " + file, e);
    }
    offsets.add(start + line.length);
    appendFailure = null;
    return stored;
  }

  // Removes what a failed append wrote; if even that fails, the next append overwrites it.
  private String cutBack(long end) {
    try {
      channel.truncate(end);
      return "";
    } catch (IOException e) {
      return "; the partial line stays until the next append overwrites it (" + e + ")";
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
                + file
                + " moved to "
                + RecordLogLoader.QUARANTINE
                + " at start";
    if (failure == null || moved == null) {
      return failure == null ? moved : failure;
    }
    return moved + "; " + failure;
  }

  /** The number of events in the log, which is also the seq the next event gets. */
  public long size() {
    return offsets.size();
  }

  /**
   * Reads up to {@code limit} events with {@code seq >= cursor}.
   *
   * @throws IllegalArgumentException when cursor is negative or limit not positive
   */
  public RecordPage read(long cursor, int limit) {
    if (cursor < 0 || limit <= 0) {
      throw new IllegalArgumentException(
          "record log read needs cursor >= 0 and limit > 0, got cursor="
              + cursor
              + " limit="
              + limit);
    }
    OffsetIndex.Range range = offsets.range(cursor, limit);
    if (range.count() == 0) {
      return new RecordPage(List.of(), cursor, false);
    }
    List<String> lines = readLines(range.start(), range.end());
    long next = cursor + range.count(); // gap lines count as seqs, but are not returned
    return new RecordPage(lines, next, next < offsets.size());
  }

  /** Feeds every event of the log, in seq order, to {@code sink} (used to rebuild metrics). */
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

  private List<String> readLines(long start, long end) {
    ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(end - start));
    try {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, start + buffer.position()) < 0) {
          throw new IOException("unexpected end of file at byte " + (start + buffer.position()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read record log " + file, e);
    }
    String text = new String(buffer.array(), StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.startsWith(RecordLogLoader.GAP_PREFIX)) {
        lines.add(line);
      }
    }
    return lines;
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close record log " + file, e);
    }
  }
}
