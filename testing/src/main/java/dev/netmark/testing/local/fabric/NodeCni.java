package dev.netmark.testing.local.fabric;

import dev.netmark.api.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CNI network configuration of every node: rendered from the default bridge template or the
 * user's, see {@link CniSetup}.
 *
 * @param files the rendered text by node name, with the file name it is written under
 * @param networks the parsed networks by node name
 * @param source the template's file, or "the default conflist"
 * @param podLan whether the template names {@code ${podLan}}: every node then gets the pod LAN
 *     ({@link Topology#podLan})
 */
record NodeCni(
    Map<String, Map.Entry<String, String>> files,
    Map<String, CniNetwork> networks,
    String source,
    boolean podLan) {
  private static final String DEFAULT = "default.conflist";

  /**
   * Renders and parses every node's configuration; nothing is written yet.
   *
   * @throws ConfigException naming {@code --cni-conf-dir} when the user's file cannot be read,
   *     rendered or parsed (a usage error, exit 2)
   */
  static NodeCni render(FabricPlan plan) {
    try {
      return renderUnchecked(plan);
    } catch (IllegalArgumentException e) {
      if (plan.spec().cni().generated()) {
        throw e;
      }
      throw new ConfigException("--cni-conf-dir " + plan.spec().cni().confDir(), e.getMessage());
    }
  }

  private static NodeCni renderUnchecked(FabricPlan plan) {
    CniSetup cni = plan.spec().cni();
    String fileName;
    String template;
    String source;
    if (cni.generated()) {
      fileName = "10-" + plan.prefix() + ".conflist";
      source = "the default conflist";
      try (InputStream in = NodeCni.class.getResourceAsStream(DEFAULT)) {
        template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("reading the bundled " + DEFAULT, e);
      }
    } else {
      Path file = CniNetwork.firstConf(cni.confDir());
      fileName = file.getFileName().toString();
      source = file.toString();
      try {
        template = Files.readString(file);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read CNI conf " + file + ": " + e.getMessage(), e);
      }
    }
    Map<String, Map.Entry<String, String>> files = new LinkedHashMap<>();
    Map<String, CniNetwork> networks = new LinkedHashMap<>();
    for (NodePlan node : plan.nodes()) {
      String text = ConfTemplate.render(template, source, ConfTemplate.values(plan, node));
      files.put(node.name(), Map.entry(fileName, text));
      networks.put(node.name(), CniNetwork.parse(text, source + " rendered for " + node.name()));
    }
    return new NodeCni(
        Map.copyOf(files),
        Map.copyOf(networks),
        source,
        template.contains("${" + ConfTemplate.POD_LAN + "}"));
  }

  /** Every plugin binary the nodes run, loopback included. */
  java.util.List<String> binaries() {
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
    all.add("loopback");
    networks.values().forEach(n -> all.addAll(n.binaries()));
    return java.util.List.copyOf(all);
  }

  /** Writes every node's conf dir and creates its IPAM dir. */
  void write(FabricPlan plan) throws IOException {
    for (NodePlan node : plan.nodes()) {
      Files.createDirectories(node.confDir());
      Files.createDirectories(node.ipamDir());
      Map.Entry<String, String> f = files.get(node.name());
      Files.writeString(node.confDir().resolve(f.getKey()), f.getValue());
    }
  }
}
