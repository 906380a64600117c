package dev.netmark.measurements.source.prometheus;

import dev.netmark.api.Durations;
import dev.netmark.api.NetmarkException;
import dev.netmark.api.NodeSelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code --metric-source-opt} keys of the {@code prometheus} source.
 *
 * @param url the Prometheus server, e.g. {@code http://prometheus:9090} (a path prefix is kept)
 * @param selector label matchers added to every query, as written inside {@code {...}}, e.g. {@code
 *     job="netmark-shims"}; empty for none
 * @param nodeLabel the target label that names the node; targets without it are named by {@code
 *     instance}
 * @param timeout per HTTP request
 * @param scrapeWait how long a read waits for every target to be scraped after the read began
 * @param tokenFile a bearer token file, read at every request (tokens rotate), or null
 * @param nodeSelector labels of the nodes that run a shim, as for {@code direct}: coverage expects
 *     a target only on those; empty for every node
 */
record PrometheusOptions(
    URI url,
    String selector,
    String nodeLabel,
    Duration timeout,
    Duration scrapeWait,
    Path tokenFile,
    Map<String, String> nodeSelector) {
  static final String KIND = "prometheus";
  private static final Set<String> KEYS =
      new TreeSet<>(
          Set.of(
              "url",
              "selector",
              "node-label",
              "timeout",
              "scrape-wait",
              "token-file",
              "node-selector"));
  private static final String MATCHER =
      "\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*(=|!=|=~|!~)\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*";
  private static final Pattern SELECTOR =
      Pattern.compile("(" + MATCHER + "(," + MATCHER + ")*,?\\s*)?");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /**
   * @throws NetmarkException naming the option, what was expected and what was found
   */
  static PrometheusOptions parse(Map<String, String> options) {
    for (String key : options.keySet()) {
      if (!KEYS.contains(key)) {
        throw error("unknown option '" + key + "', known: " + KEYS);
      }
    }
    String url = options.get("url");
    if (url == null || url.isBlank()) {
      throw error("option 'url' is required, e.g. --metric-source-opt url=http://prometheus:9090");
    }
    String selector = options.getOrDefault("selector", "").strip();
    if (!SELECTOR.matcher(selector).matches()) {
      throw error(
          "option 'selector': expected label matchers such as job=\"netmark\",cluster=~\"a|b\","
              + " found '"
              + selector
              + "'");
    }
    String nodeLabel = options.getOrDefault("node-label", "node");
    if (!LABEL.matcher(nodeLabel).matches()) {
      throw error("option 'node-label': expected a label name, found '" + nodeLabel + "'");
    }
    String token = options.get("token-file");
    return new PrometheusOptions(
        parseUrl(url.strip()),
        selector.replaceAll(",\\s*$", ""),
        nodeLabel,
        duration(options, "timeout", "10s", false),
        duration(options, "scrape-wait", "30s", true),
        token == null ? null : Path.of(token),
        nodeSelector(options.getOrDefault("node-selector", "")));
  }

  private static Map<String, String> nodeSelector(String text) {
    try {
      return NodeSelector.parse(text);
    } catch (IllegalArgumentException e) {
      throw error("option 'node-selector': " + e.getMessage());
    }
  }

  private static URI parseUrl(String url) {
    try {
      URI uri = new URI(url.replaceAll("/+$", ""));
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null
          || uri.getQuery() != null) {
        throw error("option 'url': expected http(s)://host[:port][/prefix], found '" + url + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw error("option 'url': not a URL: '" + url + "' (" + e.getMessage() + ")");
    }
  }

  private static Duration duration(
      Map<String, String> options, String key, String fallback, boolean zeroAllowed) {
    String text = options.getOrDefault(key, fallback);
    try {
      Duration d = Durations.parse(text);
      if (d.isNegative() || (d.isZero() && !zeroAllowed)) {
        throw new IllegalArgumentException(
            "must be " + (zeroAllowed ? ">= 0" : "> 0") + ", found '" + text + "'");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw error("option '" + key + "': " + e.getMessage());
    }
  }

  private static NetmarkException error(String message) {
    return new NetmarkException("metric source " + KIND + ": " + message);
  }
}
