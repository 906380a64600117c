package dev.netmark.engine.config;

import dev.netmark.api.ConfigException;
import dev.netmark.engine.template.ObjectTemplates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads phases and the parts of them that the {@code createPods}/{@code deletePods} steps share.
 */
final class PhaseReader {
  private static final Set<String> PHASE_KEYS =
      Fields.allowed(
          "namespaceRange", "namespaceList", "replicasPerNamespace", "tuningSet", "objectBundle");
  private static final Set<String> OBJECT_KEYS =
      Fields.allowed("basename", "objectTemplatePath", "templateFillMap");

  private final NamespaceSpec namespace;
  private final List<TuningSetSpec> tuningSets;

  PhaseReader(NamespaceSpec namespace, List<TuningSetSpec> tuningSets) {
    this.namespace = namespace;
    this.tuningSets = tuningSets;
  }

  List<PhaseSpec> phases(Located list) {
    List<Located> items = list.items("phases");
    if (items.isEmpty()
        && !list.isNull()
        && list.node instanceof org.yaml.snakeyaml.nodes.SequenceNode) {
      list.problem("expected at least one phase, found an empty list");
    }
    List<PhaseSpec> phases = new ArrayList<>();
    for (Located item : items) {
      Fields f = item.fields(PHASE_KEYS);
      if (f == null) {
        continue;
      }
      NamespaceSelection ns = namespaces(f);
      Integer replicas =
          (Integer) f.read("replicasPerNamespace", ValueType.NON_NEGATIVE_INTEGER, true);
      String tuningSet = tuningSet(f);
      List<ObjectSpec> bundle = new ArrayList<>();
      Located bundleNode = f.get("objectBundle");
      if (bundleNode == null) {
        f.missing("objectBundle", "a list of {basename, objectTemplatePath, templateFillMap}");
      } else {
        for (Located o :
            bundleNode.items("objects {basename, objectTemplatePath, templateFillMap}")) {
          ObjectSpec spec = object(o, replicas, ns);
          if (spec != null) {
            bundle.add(spec);
          }
        }
      }
      if (ns != null && replicas != null && tuningSet != null) {
        phases.add(new PhaseSpec(ns, replicas, tuningSet, bundle, item.where()));
      }
    }
    return phases;
  }

  private ObjectSpec object(Located o, Integer replicas, NamespaceSelection ns) {
    Fields f = o.fields(OBJECT_KEYS);
    if (f == null) {
      return null;
    }
    String basename = f.string("basename", true);
    Map<String, Object> fill = fillMap(f);
    Path template =
        template(f, "objectTemplatePath", basename, fill, ns, replicas != null && replicas > 0);
    if (basename == null || template == null || fill == null) {
      return null;
    }
    return new ObjectSpec(basename, template, fill, Map.of(), o.where());
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> fillMap(Fields f) {
    if (!f.has("templateFillMap") || f.get("templateFillMap").isNull()) {
      return Map.of();
    }
    Object m = f.read("templateFillMap", ValueType.MAP, false);
    return m == null ? null : new LinkedHashMap<>((Map<String, Object>) m);
  }

  /**
   * Resolves a template path against the file that names it, checks that it exists and, when the
   * phase creates objects, renders it once with sample variables so an undefined variable is found
   * now rather than in the middle of a run.
   */
  Path template(
      Fields f,
      String key,
      String basename,
      Map<String, Object> fill,
      NamespaceSelection ns,
      boolean render) {
    String written = f.string(key, true);
    if (written == null) {
      return null;
    }
    Located node = f.get(key);
    Path file = node.baseDir().resolve(written).normalize();
    if (!Files.isRegularFile(file)) {
      node.problem(
          "template file not found: "
              + file
              + " (paths resolve against the directory of "
              + node.source.displayName()
              + ")");
      return null;
    }
    if (render && basename != null && fill != null && ns != null) {
      List<String> names = ns.resolve(namespace.prefix() == null ? "test" : namespace.prefix());
      String sampleNs = names.isEmpty() ? "default" : names.getFirst();
      try {
        ObjectTemplates.render(file, ObjectTemplates.vars(basename + "-0", 0, sampleNs, fill));
      } catch (ConfigException e) {
        node.problem(e.getMessage());
      }
    }
    return file;
  }

  /** The phase's namespaces: exactly one of {@code namespaceRange} or {@code namespaceList}. */
  NamespaceSelection namespaces(Fields f) {
    return NamespaceReader.read(f, namespace);
  }

  /** The spec of a tuning set {@link #tuningSet} accepted. */
  TuningSetSpec tuningSetSpec(String name) {
    return tuningSets.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  /** The phase's tuning set, which must be one the config defines. */
  String tuningSet(Fields f) {
    if (!f.has("tuningSet")) {
      f.missing("tuningSet", "the name of a tuning set; " + ConfigLoader.names(tuningSets));
      return null;
    }
    String name = f.string("tuningSet", true);
    if (name != null && tuningSets.stream().noneMatch(t -> t.name().equals(name))) {
      f.get("tuningSet")
          .problem("unknown tuning set '" + name + "'; " + ConfigLoader.names(tuningSets));
      return null;
    }
    return name;
  }
}
