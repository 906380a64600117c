package dev.netmark.engine.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** A stable text form of a loaded model, compared with golden files. */
final class ModelDump {
  private ModelDump() {}

  static String of(TestConfig c, Path baseDir) {
    StringBuilder out = new StringBuilder();
    out.append("name: ").append(c.name()).append('\n');
    NamespaceSpec ns = c.namespace();
    out.append("namespace: number=")
        .append(ns.number())
        .append(" prefix=")
        .append(ns.prefix())
        .append(" delete=")
        .append(ns.deleteAutomanagedNamespaces())
        .append('\n');
    for (TuningSetSpec t : c.tuningSets()) {
      out.append("tuningSet ")
          .append(t.name())
          .append(' ')
          .append(t.kind())
          .append(' ')
          .append(sorted(t.params().asMap()))
          .append(" @ ")
          .append(t.path())
          .append('\n');
    }
    for (StepSpec s : c.steps()) {
      out.append("step '").append(s.name()).append("' @ ").append(s.path()).append('\n');
      for (PhaseSpec p : s.phases()) {
        NamespaceSelection sel = p.namespaces();
        String nss =
            sel.list().isEmpty()
                ? "range " + sel.min() + ".." + sel.max() + " basename=" + sel.basename()
                : "list " + sel.list();
        out.append("  phase ")
            .append(nss)
            .append(" replicas=")
            .append(p.replicasPerNamespace())
            .append(" tuningSet=")
            .append(p.tuningSet())
            .append(" @ ")
            .append(p.path())
            .append('\n');
        for (ObjectSpec o : p.objectBundle()) {
          String template =
              o.objectTemplatePath() == null
                  ? "none"
                  : baseDir
                      .toAbsolutePath()
                      .normalize()
                      .relativize(o.objectTemplatePath())
                      .toString();
          out.append("    object ")
              .append(o.basename())
              .append(" template=")
              .append(template)
              .append(" fill=")
              .append(sorted(o.templateFillMap()))
              .append(" labels=")
              .append(new TreeMap<>(o.extraLabels()))
              .append(" @ ")
              .append(o.path())
              .append('\n');
        }
      }
      for (MeasurementSpec m : s.measurements()) {
        out.append("  measurement ")
            .append(m.method())
            .append('/')
            .append(m.identifier())
            .append(' ')
            .append(m.params().asMap())
            .append(" @ ")
            .append(m.path())
            .append('\n');
      }
    }
    return out.toString();
  }

  private static Map<String, Object> sorted(Map<String, Object> m) {
    return new TreeMap<>(m);
  }
}
