package dev.netmark.engine.cli;

import dev.netmark.api.NetmarkException;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * While a run lasts, the log of every component in this process (engine, the local cluster's API
 * server, kubelets, scheduler, libraries) goes to {@code REPORT/logs/netmark.log}, not the
 * terminal: logging (slf4j-simple) writes to standard error, which this replaces. Log lines at
 * {@code shown} or above also reach the terminal (the first line only: stack traces stay in the
 * file); {@code shown} null shows none. Lines that begin {@code netmark: } are the engine's to the
 * user and always reach it. {@link #close} puts standard error back.
 */
final class LogFiles implements AutoCloseable {
  static final String FILE = "netmark.log";

  /** How the engine's own words to the user begin (a Ctrl-C that times out): always shown. */
  static final String USER = "netmark: ";

  private final PrintStream original;
  private final PrintStream replacement;
  private final Lines lines;
  private final Path file;
  private final List<Path> created;

  private LogFiles(
      PrintStream original, PrintStream replacement, Lines lines, Path file, List<Path> created) {
    this.original = original;
    this.replacement = replacement;
    this.lines = lines;
    this.file = file;
    this.created = created;
  }

  /**
   * @throws NetmarkException naming the directory when it cannot be written
   */
  static LogFiles redirect(Path dir, LogLevel shown) {
    Path file = dir.resolve(FILE);
    List<Path> created = new ArrayList<>();
    for (Path d = dir.toAbsolutePath(); d != null && !Files.exists(d); d = d.getParent()) {
      created.add(d);
    }
    OutputStream log;
    try {
      Files.createDirectories(dir);
      log = new BufferedOutputStream(Files.newOutputStream(file));
    } catch (IOException e) {
      throw new NetmarkException("cannot write the run's log " + file + ": " + e, e);
    }
    PrintStream original = System.err;
    Lines lines = new Lines(log, original, shown);
    PrintStream replacement = new PrintStream(lines, true, StandardCharsets.UTF_8);
    System.setErr(replacement);
    return new LogFiles(original, replacement, lines, file, created);
  }

  /** The log file. */
  Path file() {
    return file;
  }

  /**
   * Puts standard error back. A run that logged nothing (it stopped before anything started, say
   * for a missing kubeconfig) leaves no file, nor the directories made for it.
   */
  @Override
  public void close() {
    System.setErr(original);
    replacement.close();
    if (lines.written == 0) {
      try {
        Files.deleteIfExists(file);
        for (Path d : created) {
          Files.deleteIfExists(d); // innermost first; fails (kept) when something else is in it
        }
      } catch (IOException e) {
        // A directory that is not empty (the reports were written) stays, as it should.
      }
    }
  }

  /** Every byte to the file; whole log lines at {@code shown} or above to the terminal too. */
  private static final class Lines extends OutputStream {
    private final OutputStream file;
    private final PrintStream terminal;
    private final LogLevel shown;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long written;

    Lines(OutputStream file, PrintStream terminal, LogLevel shown) {
      this.file = file;
      this.terminal = terminal;
      this.shown = shown;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      file.write(b);
      written++;
      line.write(b);
      if (b == '\n') {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (toTerminal(text)) {
          terminal.print(text);
          terminal.flush();
        }
      }
    }

    private boolean toTerminal(String text) {
      LogLevel level = LogLevel.of(text);
      if (level == null) {
        return text.startsWith(USER);
      }
      return shown != null && level.compareTo(shown) >= 0;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      for (int i = off; i < off + len; i++) {
        write(b[i]);
      }
    }

    @Override
    public synchronized void flush() throws IOException {
      file.flush();
    }

    @Override
    public synchronized void close() throws IOException {
      file.close();
    }
  }
}
