package dev.netmark.engine.config;

import dev.netmark.api.ConfigException;
import dev.netmark.engine.config.ConfigErrors.Problem;
import dev.netmark.engine.template.RenderedText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** State of one load: problems so far, where every config path came from, what was rendered. */
final class LoadContext {
  final Catalog catalog;
  final Map<String, Object> parameters;
  final Path mainDir;
  final List<RenderedText> rendered = new ArrayList<>();
  // Every top-level name a template looked up, for refusing parameters nothing reads.
  final Set<String> read = new TreeSet<>();
  // SnakeYAML constructors cache what they built: one per load, never shared between threads.
  final NodeValues values = new NodeValues();
  private final List<Problem> problems = new ArrayList<>();
  private final Map<String, String> locations = new HashMap<>();

  LoadContext(Catalog catalog, Map<String, Object> parameters, Path mainFile) {
    this.catalog = catalog;
    this.parameters = parameters;
    Path parent = mainFile.toAbsolutePath().normalize().getParent();
    this.mainDir = parent == null ? Path.of("/") : parent;
  }

  void problem(String where, String problem) {
    problems.add(new Problem(where, problem));
  }

  /** Records a problem that another component reported as an exception. */
  void problem(ConfigException e) {
    String prefix = e.path() + ": ";
    String message = e.getMessage();
    problem(e.path(), message.startsWith(prefix) ? message.substring(prefix.length()) : message);
  }

  List<Problem> problems() {
    return problems;
  }

  void register(String path, String location) {
    locations.putIfAbsent(path, location);
  }

  /** {@code path (file:line)}, using the nearest enclosing path with a known location. */
  String where(String path) {
    String p = path;
    while (!p.isEmpty()) {
      String location = locations.get(p);
      if (location != null) {
        return path + " (" + location + ")";
      }
      p = parent(p);
    }
    return path;
  }

  Function<String, String> locator() {
    return this::where;
  }

  /** How messages name a file: relative to the main config's directory when inside it. */
  String displayName(Path file) {
    Path f = file.toAbsolutePath().normalize();
    return f.startsWith(mainDir) ? mainDir.relativize(f).toString() : f.toString();
  }

  private static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut <= 0 ? "" : path.substring(0, cut);
  }
}
