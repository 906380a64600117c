package dev.netmark.engine.config;

import dev.netmark.engine.template.RenderedText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML node with its config path and the file it came from. Reading it never throws: a value of
 * the wrong shape is recorded as a problem and read as null, so one pass finds every problem.
 */
final class Located {
  final Node node;
  final String path;
  final RenderedText source;
  final LoadContext ctx;
  private final int line;

  Located(Node node, String path, RenderedText source, LoadContext ctx) {
    this(node, path, source, ctx, node.getStartMark().getLine() + 1);
  }

  /** A map entry's value, located at its key so a block value points at the line naming it. */
  private Located(Node node, String path, RenderedText source, LoadContext ctx, int line) {
    this.node = node;
    this.path = path;
    this.source = source;
    this.ctx = ctx;
    this.line = line;
    ctx.register(path, location());
  }

  String location() {
    return source.location(line);
  }

  /** {@code path (file:line)}. */
  String where() {
    return path + " (" + location() + ")";
  }

  void problem(String message) {
    ctx.problem(where(), message);
  }

  /** Directory that relative paths written in this node's file resolve against. */
  Path baseDir() {
    return source.file().toAbsolutePath().normalize().getParent();
  }

  String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  boolean isNull() {
    return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  boolean isScalar() {
    return node instanceof ScalarNode && !isNull();
  }

  boolean isMap() {
    return node instanceof MappingNode;
  }

  /** The map's entries by canonical key; reports and returns null when this is not a map. */
  Fields fields(Set<String> allowed) {
    if (!(node instanceof MappingNode map)) {
      problem("expected a map with keys " + String.join(", ", allowed) + ", found " + describe());
      return null;
    }
    Map<String, Located> entries = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode keyNode)) {
        problem("expected keys that are plain names, found a key that is a map or list");
        continue;
      }
      String key = Fields.canonical(keyNode.getValue());
      Located value =
          new Located(
              t.getValueNode(), child(key), source, ctx, keyNode.getStartMark().getLine() + 1);
      if (!allowed.contains(key)) {
        value.problem(
            "unknown key '" + keyNode.getValue() + "'; allowed: " + String.join(", ", allowed));
      } else if (entries.containsKey(key)) {
        value.problem("duplicate key '" + key + "', first given at " + entries.get(key).location());
      } else {
        entries.put(key, value);
      }
    }
    return new Fields(this, entries);
  }

  /** The list's items; reports and returns an empty list when this is not a list. */
  List<Located> items(String expected) {
    if (!(node instanceof SequenceNode seq)) {
      problem("expected a list of " + expected + ", found " + describe());
      return List.of();
    }
    List<Located> items = new ArrayList<>();
    for (int i = 0; i < seq.getValue().size(); i++) {
      items.add(new Located(seq.getValue().get(i), path + "[" + i + "]", source, ctx));
    }
    return items;
  }

  /** The plain Java value of this subtree; also records the location of every nested path. */
  Object value() {
    registerSubtree(node, path);
    return ctx.values.of(node);
  }

  /** What this node is, for "found ..." in messages. */
  String describe() {
    if (node instanceof MappingNode) {
      return "a map";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (isNull()) {
      return "nothing";
    }
    return "'" + ((ScalarNode) node).getValue() + "'";
  }

  private void registerSubtree(Node n, String p) {
    ctx.register(p, source.location(n.getStartMark().getLine() + 1));
    if (n instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          ctx.register(p + "." + k.getValue(), source.location(k.getStartMark().getLine() + 1));
          registerSubtree(t.getValueNode(), p + "." + k.getValue());
        }
      }
    } else if (n instanceof SequenceNode s) {
      for (int i = 0; i < s.getValue().size(); i++) {
        registerSubtree(s.getValue().get(i), p + "[" + i + "]");
      }
    }
  }
}
