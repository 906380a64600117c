package dev.netmark.shim.records;

import java.util.Arrays;

/** Byte offsets of the record log's lines: entry i is where line i ends (exclusive). */
final class OffsetIndex {
  /** Bytes [start, end) holding {@code count} consecutive lines. */
  record Range(long start, long end, int count) {}

  private long[] ends = new long[1024];
  private int size;

  synchronized void add(long end) {
    if (size == ends.length) {
      ends = Arrays.copyOf(ends, size * 2);
    }
    ends[size++] = end;
  }

  synchronized int size() {
    return size;
  }

  /** Where the next line starts. */
  synchronized long end() {
    return size == 0 ? 0 : ends[size - 1];
  }

  synchronized Range range(long cursor, int limit) {
    if (cursor >= size) {
      return new Range(0, 0, 0);
    }
    int first = (int) cursor;
    int last = (int) Math.min(size, cursor + limit) - 1;
    long start = first == 0 ? 0 : ends[first - 1];
    return new Range(start, ends[last], last - first + 1);
  }
}
