package dev.netmark.testing.kubemark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * node-image/prometheus/: the plain scrape config and the PodMonitor select the not-so-hollow node
 * pods' {@code shim-metrics} port and name every series by its node, as the {@code prometheus}
 * metric source expects (label {@code node}, job {@code netmark-shims}). The PodMonitor has no
 * fabric8 model here, so its fields are checked against the CRD's (monitoring.coreos.com/v1) by
 * name at each level; promtool checks the plain config in {@link PrometheusScrapeConfigIT}.
 */
class PrometheusScrapeConfigTest {
  static final Path DIR = Repo.root().resolve("node-image/prometheus");

  @Test
  void plainConfigKeepsTheShimPortAndLabelsSeriesByNode() throws Exception {
    Map<String, Object> config = yaml(DIR.resolve("prometheus.yml"));
    assertThat(config).containsOnlyKeys("global", "scrape_configs");
    Map<String, Object> job = map(only(list(config, "scrape_configs")));
    assertThat(job)
        .containsOnlyKeys("job_name", "metrics_path", "kubernetes_sd_configs", "relabel_configs")
        .containsEntry("job_name", "netmark-shims")
        .containsEntry("metrics_path", "/metrics");
    Map<String, Object> sd = map(only(list(job, "kubernetes_sd_configs")));
    assertThat(sd).containsOnlyKeys("role", "namespaces", "selectors").containsEntry("role", "pod");
    assertThat(map(sd.get("namespaces"))).isEqualTo(Map.of("names", List.of("kubemark")));
    assertThat(list(sd, "selectors"))
        .containsExactly(Map.of("role", "pod", "label", "name=netperf-node"));
    assertThat(list(job, "relabel_configs"))
        .containsExactly(
            Map.of(
                "source_labels",
                List.of("__meta_kubernetes_pod_container_port_name"),
                "regex",
                "shim-metrics",
                "action",
                "keep"),
            Map.of("source_labels", List.of("__meta_kubernetes_pod_name"), "target_label", "node"),
            Map.of(
                "source_labels",
                List.of("__meta_kubernetes_pod_name"),
                "target_label",
                "instance"));
  }

  @Test
  void podMonitorUsesOnlyCrdFieldsAndMatchesTheNodePods() throws Exception {
    Map<String, Object> pm = yaml(DIR.resolve("podmonitor.yaml"));
    assertThat(pm)
        .containsOnlyKeys("apiVersion", "kind", "metadata", "spec")
        .containsEntry("apiVersion", "monitoring.coreos.com/v1")
        .containsEntry("kind", "PodMonitor");
    assertThat(map(pm.get("metadata")))
        .containsOnlyKeys("name", "namespace", "labels")
        .containsEntry("namespace", "kubemark");
    Map<String, Object> spec = map(pm.get("spec"));
    assertThat(spec).containsOnlyKeys("selector", "podMetricsEndpoints");
    assertThat(map(spec.get("selector")))
        .isEqualTo(Map.of("matchLabels", Map.of("name", "netperf-node")));
    Map<String, Object> endpoint = map(only(list(spec, "podMetricsEndpoints")));
    // Field names of PodMetricsEndpoint and RelabelConfig in the prometheus-operator CRD.
    assertThat(endpoint.keySet())
        .isSubsetOf(Set.of("port", "path", "interval", "scrapeTimeout", "relabelings"))
        .contains("port", "relabelings");
    assertThat(endpoint).containsEntry("port", "shim-metrics").containsEntry("path", "/metrics");
    List<Object> relabelings = list(endpoint, "relabelings");
    assertThat(relabelings)
        .allSatisfy(
            r ->
                assertThat(map(r).keySet())
                    .isSubsetOf(
                        Set.of("sourceLabels", "targetLabel", "replacement", "regex", "action")))
        .contains(
            Map.of("sourceLabels", List.of("__meta_kubernetes_pod_name"), "targetLabel", "node"),
            Map.of("targetLabel", "job", "replacement", "netmark-shims"));
  }

  @Test
  void bothSelectThePodsAndPortThatTheNodeTemplateDeclares() throws Exception {
    String rc =
        Files.readString(Repo.root().resolve("node-image/kubemark/not-so-hollow-node.yaml"));
    assertThat(rc).contains("        name: netperf-node\n").contains("- name: shim-metrics\n");
  }

  static Map<String, Object> yaml(Path file) throws Exception {
    return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file)));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Map<String, Object> m, String key) {
    assertThat(m.get(key)).as(key).isInstanceOf(List.class);
    return (List<Object>) m.get(key);
  }

  static Object only(List<Object> l) {
    assertThat(l).hasSize(1);
    return l.getFirst();
  }
}
