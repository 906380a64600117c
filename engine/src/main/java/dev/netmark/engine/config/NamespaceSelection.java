package dev.netmark.engine.config;

import java.util.List;

/**
 * Which namespaces a phase applies to: either automanaged ones by index range ({@code
 * namespaceRange}) or an explicit {@code namespaceList}.
 *
 * @param min first automanaged index, inclusive (range form)
 * @param max last automanaged index, inclusive (range form)
 * @param basename prefix overriding the test's namespace prefix (range form), or null
 * @param list explicit namespace names (list form), empty in range form
 */
public record NamespaceSelection(int min, int max, String basename, List<String> list) {
  public NamespaceSelection {
    list = List.copyOf(list);
  }

  public static NamespaceSelection range(int min, int max, String basename) {
    return new NamespaceSelection(min, max, basename, List.of());
  }

  public static NamespaceSelection names(List<String> names) {
    return new NamespaceSelection(0, -1, null, names);
  }

  /** The namespace names, given the test's automanaged prefix. */
  public List<String> resolve(String defaultPrefix) {
    if (!list.isEmpty()) {
      return list;
    }
    String prefix = basename != null ? basename : defaultPrefix;
    return java.util.stream.IntStream.rangeClosed(min, max)
        .mapToObj(i -> prefix + "-" + i)
        .toList();
  }
}
