package dev.netmark.engine.cli;

/** The {@code netmark} command: exits with the code of {@link NetmarkCommand}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(NetmarkCommand.execute(args));
  }
}
