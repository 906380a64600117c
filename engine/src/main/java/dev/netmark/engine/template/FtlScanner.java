package dev.netmark.engine.template;

/**
 * A small lexer that knows just enough FreeMarker syntax to tell, line by line, whether a line
 * starts in plain text and whether it produces output of its own (text or an interpolation) rather
 * than holding only tags and comments.
 */
final class FtlScanner {
  private enum State {
    TEXT,
    TAG,
    COMMENT,
    INTERPOLATION
  }

  private State state = State.TEXT;
  private int depth;
  private char quote;

  boolean inText() {
    return state == State.TEXT;
  }

  /** Scans one line (with its newline); true when it has output outside tags and comments. */
  boolean scanLine(String line) {
    boolean content = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      switch (state) {
        case TEXT -> {
          if (line.startsWith("<#--", i)) {
            state = State.COMMENT;
            i += 3;
          } else if (startsTag(line, i)) {
            state = State.TAG;
            depth = 0;
            quote = 0;
          } else if (line.startsWith("${", i)) {
            state = State.INTERPOLATION;
            depth = 0;
            quote = 0;
            content = true;
            i++;
          } else if (!Character.isWhitespace(c)) {
            content = true;
          }
        }
        case COMMENT -> {
          if (line.startsWith("-->", i)) {
            state = State.TEXT;
            i += 2;
          }
        }
        case TAG -> i = inExpression(line, i, '(', ')', '>');
        case INTERPOLATION -> i = inExpression(line, i, '{', '}', '}');
      }
    }
    return content;
  }

  private static boolean startsTag(String line, int i) {
    return line.startsWith("<#", i)
        || line.startsWith("</#", i)
        || line.startsWith("<@", i)
        || line.startsWith("</@", i);
  }

  /** One character inside a tag or interpolation; returns the index of the last consumed char. */
  private int inExpression(String line, int i, char open, char close, char end) {
    char c = line.charAt(i);
    if (quote != 0) {
      if (c == '\\') {
        return i + 1;
      }
      if (c == quote) {
        quote = 0;
      }
      return i;
    }
    if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == open) {
      depth++;
    } else if (c == close && depth > 0) {
      depth--;
    } else if (c == end && depth == 0) {
      state = State.TEXT;
    }
    return i;
  }
}
