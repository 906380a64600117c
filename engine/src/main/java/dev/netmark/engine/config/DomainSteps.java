package dev.netmark.engine.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The netmark steps that are sugar over phases and measurements: {@code createPods}, {@code
 * deletePods}, {@code waitForNetworkReady}, {@code sleep} and {@code deployControlPlane}. Each
 * compiles to the same model a hand-written clusterloader2 step would.
 */
final class DomainSteps {
  static final String DEFAULT_BASENAME = "netperf-pod";
  static final String NETPERF_LABEL = "netperf";
  private static final Set<String> CREATE_KEYS =
      Fields.allowed(
          "namespaceRange",
          "namespaceList",
          "replicasPerNamespace",
          "tuningSet",
          "template",
          "basename",
          "netperf",
          "templateFillMap");
  private static final Set<String> DELETE_KEYS =
      Fields.allowed("namespaceRange", "namespaceList", "basename", "tuningSet");
  private static final List<Field> WAIT =
      List.of(
          Field.optional("labelSelector", ValueType.STRING),
          Field.optional("timeout", ValueType.POSITIVE_DURATION));
  private static final List<Field> CONTROL_PLANE =
      List.of(
          Field.optional("controlPodsPerNode", ValueType.POSITIVE_INTEGER),
          Field.map(
              "service",
              Field.optional("name", ValueType.STRING),
              Field.optional("port", ValueType.PORT)),
          Field.map(
              "external",
              Field.optional("url", ValueType.STRING),
              Field.optional("ip", ValueType.STRING)),
          Field.map(
              "probes",
              Field.optional("remoteNodes", ValueType.NON_NEGATIVE_INTEGER),
              Field.optional("serviceHttpCount", ValueType.NON_NEGATIVE_INTEGER),
              Field.optional("servicePing", ValueType.BOOLEAN),
              Field.optional("interval", ValueType.POSITIVE_DURATION),
              Field.optional("timeout", ValueType.POSITIVE_DURATION),
              Field.optional("classes", ValueType.STRING_LIST)),
          Field.optional("image", ValueType.STRING),
          Field.optional("nodeSelector", ValueType.STRING));

  private final PhaseReader phases;
  private final Measurements measurements;

  DomainSteps(PhaseReader phases, Measurements measurements) {
    this.phases = phases;
    this.measurements = measurements;
  }

  PhaseSpec createPods(Located node) {
    Fields f = node.fields(CREATE_KEYS);
    if (f == null) {
      return null;
    }
    NamespaceSelection ns = phases.namespaces(f);
    Integer replicas =
        (Integer) f.read("replicasPerNamespace", ValueType.NON_NEGATIVE_INTEGER, true);
    String tuningSet = phases.tuningSet(f);
    String basename = f.has("basename") ? f.string("basename", false) : DEFAULT_BASENAME;
    Object netperf = f.read("netperf", ValueType.BOOLEAN, false);
    Map<String, Object> fill = phases.fillMap(f);
    Path template =
        phases.template(f, "template", basename, fill, ns, replicas != null && replicas > 0);
    if (ns == null
        || replicas == null
        || tuningSet == null
        || basename == null
        || template == null
        || fill == null) {
      return null;
    }
    Map<String, String> labels =
        Boolean.FALSE.equals(netperf) ? Map.of() : Map.of(NETPERF_LABEL, "true");
    ObjectSpec object = new ObjectSpec(basename, template, fill, labels, node.where());
    return new PhaseSpec(ns, replicas, tuningSet, List.of(object), node.where());
  }

  PhaseSpec deletePods(Located node) {
    Fields f = node.fields(DELETE_KEYS);
    if (f == null) {
      return null;
    }
    NamespaceSelection ns = phases.namespaces(f);
    String tuningSet = phases.tuningSet(f);
    String basename = f.has("basename") ? f.string("basename", false) : DEFAULT_BASENAME;
    if (ns == null || tuningSet == null || basename == null) {
      return null;
    }
    // No template: the engine deletes what it remembers creating under this basename.
    ObjectSpec object = new ObjectSpec(basename, null, Map.of(), Map.of(), node.where());
    return new PhaseSpec(ns, 0, tuningSet, List.of(object), node.where());
  }

  MeasurementSpec waitForNetworkReady(Located node) {
    Map<String, Object> values = node.isNull() ? new LinkedHashMap<>() : Field.readAll(node, WAIT);
    if (values == null) {
      return null;
    }
    Map<String, Object> params = action("wait");
    params.put("labelSelector", values.getOrDefault("labelSelector", NETPERF_LABEL + "=true"));
    if (values.containsKey("timeout")) {
      params.put("timeout", values.get("timeout"));
    }
    return sugar(node, "WaitForNetworkReady", params, "waitForNetworkReady");
  }

  MeasurementSpec sleep(Located node) {
    Object duration;
    if (node.isScalar()) {
      duration = ValueType.DURATION.read(node);
    } else {
      Map<String, Object> values =
          Field.readAll(node, List.of(Field.required("duration", ValueType.DURATION)));
      duration = values == null ? null : values.get("duration");
    }
    if (duration == null) {
      return null;
    }
    Map<String, Object> params = action("sleep");
    params.put("duration", duration);
    return sugar(node, "Sleep", params, "sleep");
  }

  MeasurementSpec deployControlPlane(Located node) {
    Map<String, Object> values =
        node.isNull() ? new LinkedHashMap<>() : Field.readAll(node, CONTROL_PLANE);
    if (values == null) {
      return null;
    }
    Map<String, Object> params = action("deploy");
    params.putAll(values);
    return sugar(node, "ControlPlane", params, "deployControlPlane");
  }

  private MeasurementSpec sugar(
      Located node, String method, Map<String, Object> params, String step) {
    return measurements.make(
        node, node, method, method, params, node.path, " (the " + step + " step needs it)");
  }

  private static Map<String, Object> action(String action) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("action", action);
    return params;
  }
}
