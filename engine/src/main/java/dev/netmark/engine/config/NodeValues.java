package dev.netmark.engine.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;

/** Turns composed YAML nodes into plain Java values with SnakeYAML's safe typing rules. */
final class NodeValues extends SafeConstructor {
  NodeValues() {
    super(new LoaderOptions());
  }

  Object of(Node node) {
    return constructObject(node);
  }
}
