package dev.netmark.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.netmark.api.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectTemplatesTest {
  @TempDir Path dir;

  @Test
  void rendersVariablesIntoAnObjectWithPlainNumbers() throws IOException {
    Path t =
        write(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: ${Name}
              namespace: ${Namespace}
              annotations:
                index: "${Index}"
                replicas: "${Replicas}"
                debug: "${Debug}"
            """);
    Map<String, Object> pod =
        ObjectTemplates.render(
            t,
            ObjectTemplates.vars(
                "pod-1234", 1234, "ns-1", Map.of("Replicas", 25000, "Debug", true)));
    assertThat(pod.get("metadata"))
        .isEqualTo(
            Map.of(
                "name", "pod-1234",
                "namespace", "ns-1",
                "annotations", Map.of("index", "1234", "replicas", "25000", "debug", "true")));
  }

  @Test
  void undefinedVariableNamesFileLineAndVariable() throws IOException {
    Path t = write("kind: Pod\nmetadata:\n  name: ${Name}\n  labels: {app: ${App}}\n");
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> ObjectTemplates.render(t, ObjectTemplates.vars("p-0", 0, "ns", Map.of())));
    assertThat(e.path()).isEqualTo(t + ":4");
    assertThat(e.getMessage()).startsWith(t + ":4: undefined variable 'App'; object templates see");
  }

  @Test
  void fillMapCannotHideTheObjectIdentity() throws IOException {
    Path t = write("kind: Pod\nmetadata: {name: '${Name}'}\n");
    Map<String, Object> pod =
        ObjectTemplates.render(t, ObjectTemplates.vars("real-3", 3, "ns", Map.of("Name", "fake")));
    assertThat(pod.get("metadata")).isEqualTo(Map.of("name", "real-3"));
  }

  @Test
  void aListIsNotAnObject() throws IOException {
    Path t = write("- a\n- b\n");
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ObjectTemplates.render(t, Map.of()));
    assertThat(e.getMessage())
        .isEqualTo(t + ": expected one Kubernetes object (a YAML map), found a list");
  }

  @Test
  void concurrentRendersShareOneTemplate() throws Exception {
    Path t = write("kind: Pod\nmetadata: {name: '${Name}'}\n");
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Callable<Object>> jobs =
          java.util.stream.IntStream.range(0, 200)
              .<Callable<Object>>mapToObj(
                  i ->
                      () ->
                          ((Map<?, ?>)
                                  ObjectTemplates.render(
                                          t, ObjectTemplates.vars("p-" + i, i, "ns", Map.of()))
                                      .get("metadata"))
                              .get("name"))
              .toList();
      List<Future<Object>> results = pool.invokeAll(jobs);
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).isEqualTo("p-" + i);
      }
    }
  }

  private Path write(String text) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "tmpl", ".yaml"), text);
  }
}
