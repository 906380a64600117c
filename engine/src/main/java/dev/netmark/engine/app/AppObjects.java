package dev.netmark.engine.app;

import dev.netmark.api.Durations;
import dev.netmark.api.NodeSelector;
import dev.netmark.contract.MetricNames;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects of a model: netperf pods per tier, whose containers say what the shim
 * serves and calls (docs/design.md, "Application models"), and one Service per serving tier.
 */
final class AppObjects {
  static final String IMAGE = "registry.k8s.io/pause:3.10";

  private AppObjects() {}

  /** The labels of a tier's pods and its Service's selector. */
  static Map<String, String> selector(String app, String tier) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MetricNames.APP_LABEL, app);
    labels.put(MetricNames.TIER_LABEL, tier);
    return labels;
  }

  /** One pod of {@code tier}, as a map for {@code KubeOps.create}. */
  static Map<String, Object> pod(
      AppSpec spec, AppSpec.Tier tier, String namespace, String name, long createRequestMs) {
    Map<String, Object> labels = new LinkedHashMap<>(tier.labels());
    labels.put(MetricNames.NETPERF_LABEL, MetricNames.NETPERF_VALUE);
    labels.putAll(selector(spec.app(), tier.name()));
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    metadata.put("labels", labels);
    metadata.put(
        "annotations",
        Map.of(MetricNames.ANNOTATION_CREATE_REQUEST_MS, Long.toString(createRequestMs)));
    Map<String, Object> podSpec = new LinkedHashMap<>();
    podSpec.put("terminationGracePeriodSeconds", 0);
    if (!spec.nodeSelector().isBlank()) {
      podSpec.put("nodeSelector", NodeSelector.parse(spec.nodeSelector()));
    }
    podSpec.put("containers", containers(spec, tier));
    return object("Pod", metadata, podSpec);
  }

  private static Map<String, Object> object(
      String kind, Map<String, Object> metadata, Map<String, Object> spec) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", "v1");
    object.put("kind", kind);
    object.put("metadata", metadata);
    object.put("spec", spec);
    return object;
  }

  static List<Map<String, Object>> containers(AppSpec spec, AppSpec.Tier tier) {
    List<Map<String, Object>> containers = new ArrayList<>();
    if (tier.serves() != null) {
      List<String> args = new ArrayList<>(List.of(tier.serves(), Integer.toString(tier.port())));
      if (tier.responseBytes() != null) {
        args.addAll(List.of("--body", tier.responseBytes().toString()));
      }
      Map<String, Object> serve = container("serve", MetricNames.SERVE_COMMAND, args);
      serve.put("ports", List.of(Map.of("containerPort", tier.port(), "protocol", "TCP")));
      containers.add(serve);
    }
    for (AppSpec.Edge e : spec.callsOf(tier.name())) {
      containers.add(container("call-" + e.to(), MetricNames.CALL_COMMAND, callArgs(e)));
    }
    if (containers.isEmpty()) {
      containers.add(new LinkedHashMap<>(Map.of("name", "netperf", "image", IMAGE)));
    }
    return containers;
  }

  /** {@code EDGE PROTOCOL TARGET --rate R [--size B] [--duration D] [--timeout T]}. */
  static List<String> callArgs(AppSpec.Edge e) {
    String target = "$(" + ("pod".equals(e.via()) ? "POD" : "SERVICE") + ":" + e.to() + ")";
    List<String> args = new ArrayList<>(List.of(e.name(), e.protocol(), target));
    args.addAll(List.of("--rate", rate(e.rate())));
    if (e.size() != null) {
      args.addAll(List.of("--size", e.size().toString()));
    }
    if (e.duration() != null) {
      args.addAll(List.of("--duration", millis(e.duration())));
    }
    if (e.timeout() != null) {
      args.addAll(List.of("--timeout", millis(e.timeout())));
    }
    return args;
  }

  /** The Service of a serving tier: its name is the tier's, its port the tier's port. */
  static Map<String, Object> service(String app, AppSpec.Tier tier, String namespace) {
    Map<String, Object> port = new LinkedHashMap<>();
    port.put("name", "serve");
    port.put("protocol", "TCP");
    port.put("port", tier.port());
    port.put("targetPort", tier.port());
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("type", "ClusterIP");
    spec.put("selector", selector(app, tier.name()));
    spec.put("ports", List.of(port));
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", tier.name());
    metadata.put("namespace", namespace);
    metadata.put("labels", selector(app, tier.name()));
    return object("Service", metadata, spec);
  }

  // The shim reads the rate in thousandths and durations with one unit.
  static String rate(double rate) {
    return new BigDecimal(rate)
        .setScale(3, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String millis(String duration) {
    long ms = Durations.parse(duration).toMillis();
    return ms == 0 ? "0" : ms + "ms";
  }

  private static Map<String, Object> container(String name, String command, List<String> args) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name);
    c.put("image", IMAGE);
    c.put("command", List.of(command));
    c.put("args", args);
    return c;
  }
}
