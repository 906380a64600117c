package dev.netmark.engine.template;

import java.nio.file.Path;

/**
 * The output of rendering one template file, with a map from each rendered line back to the
 * template line that produced it, so errors found in the YAML can name the line the user wrote.
 *
 * @param file the template file
 * @param displayName how messages name the file, e.g. {@code modules/create.yaml}
 * @param text the rendered text
 * @param sourceLines {@code sourceLines[n - 1]} is the template line of rendered line {@code n};
 *     null when the mapping could not be established, and then locations say "rendered line N"
 */
public record RenderedText(Path file, String displayName, String text, int[] sourceLines) {

  /** Where rendered line {@code renderedLine} (1-based) came from: {@code file:line}. */
  public String location(int renderedLine) {
    if (sourceLines == null) {
      return displayName + " rendered line " + renderedLine;
    }
    if (renderedLine < 1 || renderedLine > sourceLines.length) {
      int last = sourceLines.length == 0 ? 1 : sourceLines[sourceLines.length - 1];
      return displayName + ":" + last;
    }
    return displayName + ":" + sourceLines[renderedLine - 1];
  }
}
