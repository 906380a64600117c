package dev.netmark.engine.report.html;

import static dev.netmark.engine.report.html.Html.esc;

import dev.netmark.api.Summary;
import dev.netmark.api.Summary.SloViolation;
import dev.netmark.engine.config.MeasurementSpec;
import dev.netmark.engine.config.StepSpec;
import dev.netmark.engine.measurement.ActionRecord;
import dev.netmark.engine.report.MachineLoad;
import dev.netmark.engine.report.RunReport;
import dev.netmark.engine.step.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The run-wide parts of the page: verdict, steps, configuration and cleanup. */
final class RunSections {
  // Sorted keys: the page is the same for the same params, whatever map the config reader built.
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private RunSections() {}

  static String verdict(RunReport report) {
    List<String> owners = new ArrayList<>();
    List<SloViolation> violations = new ArrayList<>();
    for (Summary s : report.summaries()) {
      s.violations()
          .forEach(
              v -> {
                owners.add(s.name());
                violations.add(v);
              });
    }
    StringBuilder b = new StringBuilder("<section id=\"verdict\"><h2>Verdict</h2>");
    b.append(ItemTable.violations(owners, violations));
    MachineLoad.warning(report.baselines())
        .ifPresent(w -> b.append("<p><b>").append(esc(w)).append("</b></p>"));
    for (StepResult s : report.result().steps()) {
      if (s.failed()) {
        b.append("<p><b>Step failed: ")
            .append(esc(s.name()))
            .append("</b></p><ul class=\"notes\">");
        s.failures().forEach(f -> b.append("<li>").append(esc(f)).append("</li>"));
        b.append("</ul>");
      }
    }
    return b.append("</section>").toString();
  }

  static String steps(RunReport report) {
    StringBuilder b =
        new StringBuilder("<section id=\"steps\"><h2>Steps</h2><table><tr><th>#</th>");
    b.append("<th class=\"text\">step</th><th class=\"text\">result</th><th>seconds</th>");
    b.append("<th class=\"text\">measurement actions</th></tr>");
    List<StepResult> steps = report.result().steps();
    for (int i = 0; i < steps.size(); i++) {
      StepResult s = steps.get(i);
      List<String> actions = new ArrayList<>();
      for (ActionRecord a : report.actionsOf(i)) {
        actions.add(esc(a.label()) + (a.failed() ? " <b>failed: " + esc(a.error()) + "</b>" : ""));
      }
      b.append("<tr><td>")
          .append(i + 1)
          .append("</td><td class=\"text\">")
          .append(esc(s.name()))
          .append("</td><td class=\"text\">")
          .append(s.failed() ? "<b>FAIL</b>" : "ok")
          .append("</td><td>")
          .append(String.format(Locale.ROOT, "%.3f", s.duration().toNanos() / 1e9))
          .append("</td><td class=\"text\">")
          .append(String.join("<br>", actions))
          .append("</td></tr>");
    }
    b.append("</table>");
    int notRun = report.config().steps().size() - steps.size();
    if (notRun > 0) {
      b.append("<p>").append(notRun).append(" step(s) not run after the failure.</p>");
    }
    return b.append("</section>").toString();
  }

  static String config(RunReport report) {
    StringBuilder b = new StringBuilder("<section id=\"config\"><h2>Configuration</h2>");
    b.append("<h3>Measurement parameters</h3><table><tr><th class=\"text\">step</th>");
    b.append("<th class=\"text\">measurement</th><th class=\"text\">params</th></tr>");
    for (StepSpec step : report.config().steps()) {
      for (MeasurementSpec m : step.measurements()) {
        b.append("<tr><td class=\"text\">")
            .append(esc(step.name()))
            .append("</td><td class=\"text\">")
            .append(esc(m.method() + "/" + m.identifier()))
            .append("</td><td class=\"text\"><code>")
            .append(esc(json(m.params().asMap())))
            .append("</code></td></tr>");
      }
    }
    b.append("</table><h3>Rendered config (parameters substituted)</h3><pre>");
    b.append(esc(report.renderedConfig())).append("</pre>");
    if (!report.cleanup().isEmpty()) {
      b.append("<h3>Cleanup</h3><ul class=\"notes\">");
      report.cleanup().forEach(c -> b.append("<li>").append(esc(c)).append("</li>"));
      b.append("</ul>");
    }
    return b.append("</section>").toString();
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JacksonException e) {
      // Params come from YAML and are always plain maps and lists; this is only a fallback.
      return String.valueOf(value);
    }
  }
}
