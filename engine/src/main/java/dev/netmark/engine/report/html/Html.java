package dev.netmark.engine.report.html;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Escaping and number formatting shared by the HTML and SVG parts. */
final class Html {
  /** Series colours, told apart also by people with common colour blindness (Okabe-Ito). */
  static final List<String> COLORS =
      List.of(
          "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442",
          "#7F7F7F", "#8C564B");

  private Html() {}

  /** Text for element content and quoted attribute values: every markup character escaped. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                  // Control characters are not allowed in HTML text; they come from error output.
                  boolean control = cp < 0x20 && cp != '\n' && cp != '\t' && cp != '\r';
                  b.appendCodePoint(control || cp == 0x7F ? 0xFFFD : cp);
                }
              }
            });
    return b.toString();
  }

  /** Up to 3 decimals, no trailing zeros: 12, 12.5, 0.125. */
  static String num(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    return BigDecimal.valueOf(v)
        .setScale(3, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  /** A colour of the palette for the i-th series. */
  static String color(int i) {
    return COLORS.get(Math.floorMod(i, COLORS.size()));
  }
}
