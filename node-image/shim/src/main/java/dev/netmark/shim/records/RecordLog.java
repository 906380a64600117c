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
 * <p>Every {@link #append} is written to the file with one {@code write(2)} before it returns, so a
 * shim that crashes or restarts loses nothing (a machine crash may lose the unsynced tail). {@link
 * #open} reloads the file, drops a torn last line, and continues the sequence numbers. Memory is
 * one {@code long} per event (its byte offset); pages are read back from the file.
 *
 * <p>Thread-safe: appends are serialized; reads run concurrently with appends.
 */
public final class RecordLog implements AutoCloseable {
  /** The file name inside the state directory. */
  public static final String FILE_NAME = "records.jsonl";

  private final Path file;
  private final FileChannel channel;
  private final OffsetIndex offsets;

  private RecordLog(Path file, FileChannel channel, OffsetIndex offsets) {
    this.file = file;
    this.channel = channel;
    this.offsets = offsets;
  }

  /**
   * Opens (creating if needed) the log in {@code stateDir} and reloads what an earlier shim wrote.
   *
   * @throws UncheckedIOException when the file cannot be read or written
   * @throws IllegalStateException naming the line when the file holds something other than events
   */
  public static RecordLog open(Path stateDir) {
    Path file = stateDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(stateDir);
      OffsetIndex offsets = RecordLogLoader.load(file);
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
      channel.position(offsets.end());
      return new RecordLog(file, channel, offsets);
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
    try {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to record log " + file, e);
    }
    offsets.add(offsets.end() + line.length);
    return stored;
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
    long next = cursor + lines.size();
    return new RecordPage(lines, next, next < offsets.size());
  }

  /** Feeds every event of the log, in seq order, to {@code sink} (used to rebuild metrics). */
  public void replay(Consumer<PodEvent> sink) {
    long cursor = 0;
    while (true) {
      RecordPage page = read(cursor, 1024);
      page.lines().forEach(line -> sink.accept(PodEventCodec.fromJson(line)));
      if (page.lines().isEmpty() || !page.more()) {
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
      lines.add(line);
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
