package dev.netmark.engine.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * One object template of a phase's {@code objectBundle}.
 *
 * @param basename objects are named {@code <basename>-<index>}
 * @param objectTemplatePath the FreeMarker template of the object, resolved against the config file
 *     that mentions it; rendered with {@code Name}, {@code Index}, {@code Namespace} and the fill
 *     map
 * @param templateFillMap extra template variables
 * @param extraLabels labels the engine adds to every object, e.g. {@code netperf: "true"} for
 *     {@code createPods}
 * @param path config path with source location
 */
public record ObjectSpec(
    String basename,
    Path objectTemplatePath,
    Map<String, Object> templateFillMap,
    Map<String, String> extraLabels,
    String path) {
  public ObjectSpec {
    templateFillMap = Map.copyOf(templateFillMap);
    extraLabels = Map.copyOf(extraLabels);
  }
}
