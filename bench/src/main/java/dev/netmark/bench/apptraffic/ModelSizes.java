package dev.netmark.bench.apptraffic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.Yaml;

/**
 * The response sizes of a model's HTTP tiers, from the config as {@code netmark validate} renders
 * it with the run's parameters: the raw side answers with the same bodies.
 */
final class ModelSizes {
  private ModelSizes() {}

  /** {@code responseBytes} (0 when not given) by tier, for every tier serving HTTP. */
  static Map<String, Integer> of(Path root, String config, List<String> options)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "dev.netmark.engine.cli.Main",
            "validate",
            root.resolve(config).toString()));
    cmd.addAll(options);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String rendered = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(
          "netmark validate " + config + " " + options + " exited " + p.exitValue());
    }
    return httpTiers(rendered);
  }

  /** The HTTP tiers of every {@code deployApplication} step of a rendered config. */
  @SuppressWarnings("unchecked")
  static Map<String, Integer> httpTiers(String rendered) {
    Map<String, Integer> out = new TreeMap<>();
    Map<String, Object> doc = new Yaml().load(rendered);
    for (Object step : (List<Object>) doc.getOrDefault("steps", List.of())) {
      if (!(step instanceof Map<?, ?> m) || !(m.get("deployApplication") instanceof Map<?, ?> d)) {
        continue;
      }
      for (Object t : (List<Object>) ((Map<String, Object>) d).getOrDefault("tiers", List.of())) {
        Map<String, Object> tier = (Map<String, Object>) t;
        if (tier.get("serve") instanceof Map<?, ?> serve && "http".equals(serve.get("protocol"))) {
          Object bytes = serve.get("responseBytes");
          out.put((String) tier.get("name"), bytes == null ? 0 : ((Number) bytes).intValue());
        }
      }
    }
    return out;
  }
}
