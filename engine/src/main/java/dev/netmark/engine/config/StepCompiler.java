package dev.netmark.engine.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compiles the {@code steps} of a config, in order: reads phases and measurements, expands modules
 * in place and turns domain steps into the same model.
 */
final class StepCompiler {
  private static final List<String> BODIES =
      List.of(
          "phases",
          "measurements",
          "module",
          "createPods",
          "deletePods",
          "waitForNetworkReady",
          "gatherMeasurement",
          "sleep",
          "deployControlPlane",
          "deployApplication",
          "scaleTier",
          "rollTier",
          "recreateTier");
  private static final Set<String> STEP_KEYS = stepKeys();
  private static final Set<String> MODULE_KEYS = Fields.allowed("path", "params");

  private final LoadContext ctx;
  private final PhaseReader phases;
  private final Measurements measurements;
  private final DomainSteps domain;
  private final AppSteps apps;
  private final List<StepSpec> steps = new ArrayList<>();

  StepCompiler(LoadContext ctx, NamespaceSpec namespace, List<TuningSetSpec> tuningSets) {
    this.ctx = ctx;
    this.phases = new PhaseReader(namespace, tuningSets);
    this.measurements = new Measurements(ctx);
    this.domain = new DomainSteps(phases, measurements);
    this.apps = new AppSteps(phases, measurements);
  }

  /**
   * Compiles a steps list.
   *
   * @param chain the files being read, main file first, for cycle detection
   * @return all steps compiled so far, modules flattened
   */
  List<StepSpec> compile(Located list, List<Path> chain) {
    for (Located item : list.items("steps")) {
      step(item, chain);
    }
    return steps;
  }

  private void step(Located item, List<Path> chain) {
    Fields f = item.fields(STEP_KEYS);
    if (f == null) {
      return;
    }
    String name = f.has("name") ? f.string("name", false) : null;
    List<String> bodies = BODIES.stream().filter(f::has).toList();
    if (bodies.size() != 1) {
      item.problem(
          "expected exactly one of "
              + String.join(", ", BODIES)
              + ", found "
              + (bodies.isEmpty() ? "none" : String.join(", ", bodies)));
      return;
    }
    Located body = f.get(bodies.getFirst());
    String stepName = name != null ? name : "step " + (steps.size() + 1);
    switch (bodies.getFirst()) {
      case "module" -> module(body, chain);
      case "phases" -> add(stepName, phases.phases(body), List.of(), item);
      case "measurements" -> add(stepName, List.of(), measurements.explicit(body), item);
      case "createPods" -> add(stepName, one(domain.createPods(body)), List.of(), item);
      case "deletePods" -> add(stepName, one(domain.deletePods(body)), List.of(), item);
      case "waitForNetworkReady" ->
          add(stepName, List.of(), one(domain.waitForNetworkReady(body)), item);
      case "gatherMeasurement" -> add(stepName, List.of(), measurements.gather(body), item);
      case "sleep" -> add(stepName, List.of(), one(domain.sleep(body)), item);
      case "deployControlPlane" ->
          add(stepName, List.of(), one(domain.deployControlPlane(body)), item);
      case "deployApplication" -> add(stepName, List.of(), one(apps.deploy(body)), item);
      case "scaleTier" -> add(stepName, List.of(), one(apps.scale(body)), item);
      case "rollTier" -> add(stepName, List.of(), one(apps.roll(body)), item);
      case "recreateTier" -> add(stepName, List.of(), one(apps.recreate(body)), item);
      default ->
          throw new IllegalStateException("step body without a compiler: " + bodies.getFirst());
    }
  }

  private void add(String name, List<PhaseSpec> p, List<MeasurementSpec> m, Located item) {
    steps.add(new StepSpec(name, p, m, item.where()));
  }

  private static <T> List<T> one(T value) {
    return value == null ? List.of() : List.of(value);
  }

  /** Renders a module with its params and compiles its steps in place of the module step. */
  private void module(Located node, List<Path> chain) {
    Fields f = node.fields(MODULE_KEYS);
    if (f == null) {
      return;
    }
    String written = f.string("path", true);
    Map<String, Object> params = new LinkedHashMap<>(ctx.parameters);
    Located paramsNode = f.get("params");
    if (paramsNode != null && !paramsNode.isNull()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> own = (Map<String, Object>) ValueType.MAP.read(paramsNode);
      if (own == null) {
        return;
      }
      params.putAll(own);
    }
    if (written == null) {
      return;
    }
    Located pathNode = f.get("path");
    Path file = node.baseDir().resolve(written).normalize();
    if (chain.contains(file)) {
      pathNode.problem("module cycle: " + chain(chain, file));
      return;
    }
    if (!Files.isRegularFile(file)) {
      pathNode.problem(
          "module file not found: "
              + file
              + " (paths resolve against the directory of "
              + node.source.displayName()
              + "); included by "
              + chain(chain, null));
      return;
    }
    Located root = YamlFiles.load(file, params, node.path, ctx);
    if (root == null) {
      return;
    }
    Fields top = root.fields(Fields.allowed("steps"));
    if (top == null) {
      return;
    }
    if (!top.has("steps")) {
      top.missing("steps", "a list of steps");
      return;
    }
    List<Path> deeper = new ArrayList<>(chain);
    deeper.add(file);
    compile(top.get("steps"), deeper);
  }

  private String chain(List<Path> chain, Path last) {
    List<Path> all = new ArrayList<>(chain);
    if (last != null) {
      all.add(last);
    }
    return all.stream().map(ctx::displayName).collect(Collectors.joining(" -> "));
  }

  private static Set<String> stepKeys() {
    List<String> keys = new ArrayList<>();
    keys.add("name");
    keys.addAll(BODIES);
    return Fields.allowed(keys.toArray(String[]::new));
  }
}
