package dev.netmark.shim.cni;

import java.nio.file.Path;

/** The CNI configuration cannot be used; the message names the file (or directory) and problem. */
public class CniConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /** A problem with {@code file}, described by {@code problem}. */
  public CniConfigException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  /** A problem with {@code file}, described by {@code problem}, caused by {@code cause}. */
  public CniConfigException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  /** The configuration file or directory at fault. */
  public Path file() {
    return file;
  }
}
