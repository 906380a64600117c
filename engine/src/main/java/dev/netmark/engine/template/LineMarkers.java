package dev.netmark.engine.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps rendered lines back to template lines. FreeMarker drops lines that hold only directives
 * ({@code <#assign>}, {@code <#if>}), repeats {@code <#list>} bodies and skips false branches, so
 * rendered line numbers drift from the source. We put an invisible marker with the source line
 * number at the start of every template line that produces output, render, and read the markers
 * back out. A line holding only FTL tags gets no marker, so FreeMarker's white-space stripping
 * treats it exactly as in the plain template; the caller still compares the stripped output with a
 * plain rendering and falls back to rendered line numbers if they differ.
 */
final class LineMarkers {
  private static final char OPEN = '\uE000';
  private static final char CLOSE = '\uE001';

  private LineMarkers() {}

  /** The text with stripped markers, and the source line of every output line. */
  record Stripped(String text, int[] lines) {}

  static String instrument(String source) {
    StringBuilder out = new StringBuilder(source.length() + source.length() / 8);
    FtlScanner scanner = new FtlScanner();
    int lineNo = 1;
    int start = 0;
    while (start <= source.length()) {
      int nl = source.indexOf('\n', start);
      int end = nl < 0 ? source.length() : nl + 1;
      String line = source.substring(start, end);
      boolean startsInText = scanner.inText();
      boolean content = scanner.scanLine(line);
      if (startsInText && content) {
        out.append(OPEN).append(lineNo).append(CLOSE);
      }
      out.append(line);
      if (nl < 0) {
        break;
      }
      start = end;
      lineNo++;
    }
    return out.toString();
  }

  static Stripped strip(String rendered) {
    StringBuilder text = new StringBuilder(rendered.length());
    List<Integer> lines = new ArrayList<>();
    int current = 1;
    boolean lineHasMarker = false;
    for (int i = 0; i < rendered.length(); i++) {
      char c = rendered.charAt(i);
      if (c == OPEN) {
        int close = rendered.indexOf(CLOSE, i);
        int marked = Integer.parseInt(rendered.substring(i + 1, close));
        if (!lineHasMarker) {
          current = marked;
          lineHasMarker = true;
        }
        i = close;
        continue;
      }
      text.append(c);
      if (c == '\n') {
        lines.add(current);
        lineHasMarker = false;
      }
    }
    if (text.isEmpty() || text.charAt(text.length() - 1) != '\n') {
      lines.add(current);
    }
    return new Stripped(text.toString(), lines.stream().mapToInt(Integer::intValue).toArray());
  }
}
