package dev.netmark.engine.report.write;

import dev.netmark.api.ReportFiles;
import dev.netmark.api.Summary;
import dev.netmark.engine.measurement.ActionRecord;
import dev.netmark.engine.report.RunReport;
import dev.netmark.engine.step.StepResult;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code junit.xml}: one testcase per step that ran and one per measurement action. A failed step
 * or action is a {@code <failure type="error">}; an action whose summaries breached thresholds is a
 * {@code <failure type="SloViolation">} listing them.
 */
final class JunitWriter {
  private JunitWriter() {}

  /** A testcase: its name, time, and failure (type and message lines) if any. */
  record Case(
      String classname, String name, Duration time, String failureType, List<String> lines) {
    boolean failed() {
      return failureType != null;
    }
  }

  static List<Case> cases(RunReport report) {
    String suite = "netmark." + report.config().name();
    List<Case> cases = new ArrayList<>();
    List<StepResult> steps = report.result().steps();
    for (int i = 0; i < steps.size(); i++) {
      StepResult step = steps.get(i);
      cases.add(
          new Case(
              suite,
              step.name(),
              step.duration(),
              step.failed() ? "error" : null,
              step.failures()));
      for (ActionRecord action : report.actionsOf(i)) {
        cases.add(actionCase(suite + ".measurements", step.name(), action));
      }
    }
    return cases;
  }

  private static Case actionCase(String classname, String step, ActionRecord action) {
    String name = step + " / " + action.label();
    if (action.failed()) {
      return new Case(classname, name, action.duration(), "error", List.of(action.error()));
    }
    List<String> violations = new ArrayList<>();
    for (Summary s : action.summaries()) {
      s.violations().forEach(v -> violations.add(s.name() + ": " + v));
    }
    return new Case(
        classname,
        name,
        action.duration(),
        violations.isEmpty() ? null : "SloViolation",
        violations);
  }

  static String xml(RunReport report) {
    List<Case> cases = cases(report);
    long failures = cases.stream().filter(Case::failed).count();
    double total =
        cases.stream()
            .filter(c -> !c.classname().endsWith(".measurements"))
            .mapToDouble(c -> seconds(c.time()))
            .sum();
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      w.writeStartElement("testsuites");
      w.writeStartElement("testsuite");
      w.writeAttribute("name", clean(report.config().name()));
      w.writeAttribute("tests", Integer.toString(cases.size()));
      w.writeAttribute("failures", Long.toString(failures));
      w.writeAttribute("errors", "0");
      w.writeAttribute("skipped", "0");
      w.writeAttribute("time", fmt(total));
      w.writeAttribute("timestamp", ReportFiles.TIMESTAMP.format(report.result().started()));
      for (Case c : cases) {
        w.writeCharacters("\n  ");
        w.writeStartElement("testcase");
        w.writeAttribute("classname", clean(c.classname()));
        w.writeAttribute("name", clean(c.name()));
        w.writeAttribute("time", fmt(seconds(c.time())));
        if (c.failed()) {
          String text = String.join("\n", c.lines());
          w.writeStartElement("failure");
          w.writeAttribute("type", c.failureType());
          w.writeAttribute(
              "message", clean(c.lines().isEmpty() ? c.failureType() : c.lines().getFirst()));
          w.writeCharacters(clean(text));
          w.writeEndElement();
        }
        w.writeEndElement();
      }
      w.writeCharacters("\n");
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write junit.xml: " + e.getMessage(), e);
    }
    return out + "\n";
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static String fmt(double seconds) {
    return String.format(Locale.ROOT, "%.3f", seconds);
  }

  // XML 1.0 cannot carry most control characters even escaped; error messages may contain them.
  static String clean(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            cp -> {
              boolean ok =
                  cp == 0x9
                      || cp == 0xA
                      || cp == 0xD
                      || (cp >= 0x20 && cp <= 0xD7FF)
                      || (cp >= 0xE000 && cp <= 0xFFFD)
                      || cp >= 0x10000;
              b.appendCodePoint(ok ? cp : '?');
            });
    return b.toString();
  }
}
