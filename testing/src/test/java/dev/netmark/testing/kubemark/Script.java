package dev.netmark.testing.kubemark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a {@code hack/} script with bash, as a user runs it.
 *
 * @param exitCode its exit code
 * @param out what it printed on stdout
 * @param err what it printed on stderr
 */
record Script(int exitCode, String out, String err) {
  static Script run(String script, List<String> args) {
    return run(script, args, Map.of());
  }

  static Script run(String script, List<String> args, Map<String, String> env) {
    List<String> argv = new ArrayList<>(List.of("bash", Repo.root().resolve(script).toString()));
    argv.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(argv).directory(Repo.root().toFile());
    pb.environment().putAll(env);
    try {
      Path errFile = java.nio.file.Files.createTempFile("script", ".err");
      pb.redirectError(errFile.toFile());
      Process p = pb.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(script + " did not finish in 60 s");
      }
      String err = java.nio.file.Files.readString(errFile);
      java.nio.file.Files.delete(errFile);
      return new Script(p.exitValue(), out, err);
    } catch (IOException e) {
      throw new AssertionError("cannot run " + script + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + script, e);
    }
  }

  /** The YAML documents of stdout, split at {@code ---} lines. */
  List<String> documents() {
    List<String> docs = new ArrayList<>();
    for (String doc : out.split("(?m)^---$")) {
      if (!doc.isBlank()) {
        docs.add(doc);
      }
    }
    return docs;
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
  }
}
