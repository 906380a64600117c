package dev.netmark.engine.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the engine jar's version, or "development" when run from classes. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Version.class.getPackage().getImplementationVersion();
    return new String[] {"netmark " + (v == null ? "(development build)" : v)};
  }
}
