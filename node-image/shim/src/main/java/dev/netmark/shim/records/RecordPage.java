package dev.netmark.shim.records;

import java.util.List;

/**
 * A slice of the record log.
 *
 * @param lines the events' JSON lines (without newlines), in seq order, starting at the cursor
 * @param nextCursor the cursor for the next request: the seq after the last line returned, or the
 *     requested cursor when nothing was returned
 * @param more whether events at or after {@code nextCursor} already exist
 */
public record RecordPage(List<String> lines, long nextCursor, boolean more) {
  public RecordPage {
    lines = List.copyOf(lines);
  }
}
