package dev.netmark.engine.config;

import java.util.List;
import java.util.Set;

/**
 * Reads which namespaces a phase or pod step applies to, checking a range of automanaged namespaces
 * against {@code namespace.number}.
 */
final class NamespaceReader {
  private static final Set<String> RANGE_KEYS = Fields.allowed("min", "max", "basename");

  private NamespaceReader() {}

  /** The phase's namespaces: exactly one of {@code namespaceRange} or {@code namespaceList}. */
  static NamespaceSelection read(Fields f, NamespaceSpec namespace) {
    Located range = f.get("namespaceRange");
    Located list = f.get("namespaceList");
    if (range != null && list != null) {
      list.problem("expected namespaceRange or namespaceList, found both");
      return null;
    }
    if (list != null) {
      @SuppressWarnings("unchecked")
      List<String> names = (List<String>) ValueType.STRING_LIST.read(list);
      if (names != null && names.isEmpty()) {
        list.problem("expected at least one namespace, found an empty list");
        return null;
      }
      return names == null ? null : NamespaceSelection.names(names);
    }
    if (range == null) {
      f.missing("namespaceRange", "namespaceRange {min, max, basename} or namespaceList [...]");
      return null;
    }
    return range(range, namespace);
  }

  private static NamespaceSelection range(Located range, NamespaceSpec namespace) {
    Fields r = range.fields(RANGE_KEYS);
    if (r == null) {
      return null;
    }
    Integer min = (Integer) r.read("min", ValueType.NON_NEGATIVE_INTEGER, true);
    Integer max = (Integer) r.read("max", ValueType.NON_NEGATIVE_INTEGER, true);
    String basename = r.string("basename", false);
    if (min == null || max == null) {
      return null;
    }
    boolean ok = true;
    if (min > max) {
      range.problem("expected min <= max, found min " + min + " > max " + max);
      ok = false;
    }
    if (basename == null) {
      String expected =
          "an automanaged namespace index from 1 to namespace.number (" + namespace.number() + ")";
      if (min < 1) {
        r.get("min").problem("expected " + expected + ", found " + min);
        ok = false;
      }
      if (max > namespace.number()) {
        r.get("max")
            .problem(
                "expected "
                    + expected
                    + ", found "
                    + max
                    + "; give a basename to select other namespaces");
        ok = false;
      }
    }
    return ok ? NamespaceSelection.range(min, max, basename) : null;
  }
}
