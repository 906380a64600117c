package dev.netmark.engine.config;

/**
 * The test's automanaged namespaces, named {@code <prefix>-<i>} for i in 1..number.
 *
 * @param number how many
 * @param prefix name prefix; the engine appends a per-run suffix when none is given
 * @param deleteAutomanagedNamespaces delete them at the end of the test
 */
public record NamespaceSpec(int number, String prefix, boolean deleteAutomanagedNamespaces) {

  /** The i-th automanaged namespace, 1-based. */
  public String name(int index) {
    return prefix + "-" + index;
  }
}
