package dev.netmark.engine.app;

import dev.netmark.api.Measurement;
import dev.netmark.api.NetmarkException;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.contract.AppChange;
import dev.netmark.contract.AppTier;
import dev.netmark.contract.ProbeTargets;
import dev.netmark.engine.kube.KubeOps;
import dev.netmark.engine.kube.ObjectRef;
import dev.netmark.engine.measurement.EngineMeasurementContext;
import dev.netmark.engine.tuningset.Action;
import dev.netmark.engine.tuningset.TuningSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One application model of a run (docs/design.md, "Application models"): {@code deploy} creates its
 * Services and pods and starts publishing its tiers to the shims; {@code scale}, {@code roll} and
 * {@code recreate} change a tier while traffic flows and record each change as an {@link
 * AppChange}.
 */
final class Application implements Measurement {
  static final String SUMMARY = "Application";
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  private final EngineMeasurementContext context;
  private final KubeOps ops;
  private final TierPods pods = new TierPods();
  private final Map<String, String> serviceIps = new ConcurrentHashMap<>();
  private AppSpec spec;
  private List<String> namespaces;
  private TuningSet tuningSet;
  private TierPublisher publisher;
  private AppChanges changes;

  Application(EngineMeasurementContext context, KubeOps ops) {
    this.context = context;
    this.ops = ops;
  }

  @Override
  public List<Summary> execute(Params params) throws InterruptedException {
    String action = params.action();
    if (!action.equals("deploy") && spec == null) {
      throw new NetmarkException(
          params.path() + ": application '" + params.string("app", "") + "' is not deployed");
    }
    return switch (action) {
      case "deploy" -> deploy(params);
      case "scale", "roll", "recreate" -> new TierChange(this, params).run();
      default -> throw params.error("action", "expected deploy, scale, roll or recreate");
    };
  }

  private List<Summary> deploy(Params params) throws InterruptedException {
    if (spec != null) {
      throw new NetmarkException(
          params.path() + ": application '" + spec.app() + "' deployed twice");
    }
    spec = AppSpec.parse(params);
    namespaces = AppInputs.namespaces(spec.namespaces(), context.namespaces(), params.path());
    tuningSet = AppInputs.tuningSet(spec.tuningSet(), params.path());
    changes = new AppChanges(context.kube(), System::currentTimeMillis);
    ProbeTargetsWriter writer = new ProbeTargetsWriter(context.kube(), ownedKeys());
    writer.requireTargets();
    Duration timeout = params.duration("timeout", DEFAULT_TIMEOUT);
    ServiceIps wait = new ServiceIps(context.kube(), timeout);
    for (String ns : namespaces) {
      for (AppSpec.Tier t : spec.tiers()) {
        if (t.serves() != null) {
          ops.create(AppObjects.service(spec.app(), t, ns), ns);
        }
      }
    }
    for (String ns : namespaces) {
      for (AppSpec.Tier t : spec.tiers()) {
        if (t.serves() != null) {
          serviceIps.put(ProbeTargets.tierKey(ns, t.name()), wait.clusterIp(ns, t.name()));
        }
      }
    }
    publisher =
        new TierPublisher(
            context.metrics(),
            context.runStart(),
            pods,
            this::published,
            writer::publish,
            () -> RunningPods.of(context.kube(), spec.app()),
            spec.app());
    publisher.tick();
    publisher.start();
    List<Action> creates = new ArrayList<>();
    for (AppSpec.Tier t : spec.serversFirst()) {
      for (String ns : namespaces) {
        creates.addAll(createActions(ns, t, t.replicas()));
      }
    }
    try (var task = context.progress().start(params.path(), creates.size(), "pods created")) {
      tuningSet.execute(
          creates.stream()
              .<Action>map(
                  a ->
                      () -> {
                        a.run();
                        task.advance(1);
                      })
              .toList());
    }
    return List.of(summary());
  }

  /** Registers {@code n} new pods of the tier and returns the actions that create them. */
  List<Action> createActions(String ns, AppSpec.Tier tier, int n) {
    List<Action> actions = new ArrayList<>();
    for (String name : pods.add(ns, tier.name(), n)) {
      actions.add(
          () -> ops.create(AppObjects.pod(spec, tier, ns, name, System.currentTimeMillis()), ns));
    }
    return actions;
  }

  /** The actions that delete the named pods. */
  List<Action> deleteActions(String ns, List<String> names) {
    return names.stream()
        .<Action>map(name -> () -> ops.delete(new ObjectRef("v1", "Pod", ns, name)))
        .toList();
  }

  /** The model's tiers as the shims should see them now: serving tiers only. */
  Map<String, AppTier> published() {
    Map<String, AppTier> out = new LinkedHashMap<>();
    for (String ns : namespaces) {
      for (AppSpec.Tier t : spec.tiers()) {
        if (t.serves() != null) {
          String key = ProbeTargets.tierKey(ns, t.name());
          out.put(
              key,
              new AppTier(serviceIps.get(key), t.port(), t.serves(), pods.readyIps(ns, t.name())));
        }
      }
    }
    return out;
  }

  private Set<String> ownedKeys() {
    Set<String> keys = new LinkedHashSet<>();
    for (String ns : namespaces) {
      spec.tiers().forEach(t -> keys.add(ProbeTargets.tierKey(ns, t.name())));
    }
    return keys;
  }

  private Summary summary() {
    int podCount = spec.tiers().stream().mapToInt(AppSpec.Tier::replicas).sum() * namespaces.size();
    List<String> notes = new ArrayList<>();
    notes.add(
        "application "
            + spec.app()
            + ": "
            + spec.tiers().size()
            + " tiers, "
            + spec.edges().size()
            + " edges, "
            + podCount
            + " pods in "
            + TierChange.count(namespaces.size(), "namespace"));
    serviceIps.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> notes.add("service " + e.getKey() + " " + e.getValue()));
    return new Summary(SUMMARY, List.of(), List.of(), notes);
  }

  AppSpec spec() {
    return spec;
  }

  List<String> namespaces() {
    return namespaces;
  }

  TierPods pods() {
    return pods;
  }

  TuningSet tuningSet() {
    return tuningSet;
  }

  TierPublisher publisher() {
    return publisher;
  }

  AppChanges changes() {
    return changes;
  }

  @Override
  public void dispose() {
    if (publisher != null) {
      publisher.close();
    }
  }
}
