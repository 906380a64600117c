package dev.netmark.engine.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps data values to pixels on one axis, linear or base-10 logarithmic, and picks tick values a
 * reader can use (1, 2, 5 times a power of ten).
 *
 * @param min the smallest value shown (positive when log)
 * @param max the largest value shown
 * @param log whether the axis is logarithmic
 * @param from pixel of {@code min}
 * @param to pixel of {@code max}
 */
record Scale(double min, double max, boolean log, double from, double to) {

  /** A linear scale from 0 (or the smallest value if negative) to the largest value, padded. */
  static Scale linear(double lo, double hi, double from, double to) {
    double top = hi > lo ? hi : lo + 1;
    return new Scale(lo, niceCeil(top), false, from, to);
  }

  /**
   * A log scale when the values span more than a factor of 20 and are all positive; a linear one
   * from 0 otherwise. Latencies are skewed: a log axis keeps both the body and the tail readable.
   */
  static Scale forLatencies(double lo, double hi, double from, double to) {
    if (lo > 0 && hi / lo > 20) {
      return new Scale(
          Math.pow(10, Math.floor(Math.log10(lo))),
          Math.pow(10, Math.ceil(Math.log10(hi))),
          true,
          from,
          to);
    }
    return linear(0, hi, from, to);
  }

  double px(double v) {
    double t =
        log
            ? (Math.log10(Math.max(v, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
            : (v - min) / (max - min);
    return from + (to - from) * Math.min(1, Math.max(0, t));
  }

  List<Double> ticks() {
    List<Double> out = new ArrayList<>();
    if (log) {
      int decades = (int) Math.round(Math.log10(max / min));
      for (double d = min; d <= max * 1.0001; d *= 10) {
        out.add(d);
        if (decades <= 2) {
          if (d * 2 < max) {
            out.add(d * 2);
          }
          if (d * 5 < max) {
            out.add(d * 5);
          }
        }
      }
      out.sort(Double::compare);
      return out;
    }
    double step = niceStep((max - min) / 5);
    for (double v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
      out.add(Math.abs(v) < step * 1e-9 ? 0 : v);
    }
    return out;
  }

  private static double niceStep(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
  }

  private static double niceCeil(double v) {
    double step = niceStep(v / 5);
    return Math.ceil(v / step - 1e-9) * step;
  }
}
