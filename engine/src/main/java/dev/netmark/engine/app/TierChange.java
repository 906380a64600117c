package dev.netmark.engine.app;

import dev.netmark.api.NetmarkException;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.contract.AppChange;
import dev.netmark.engine.tuningset.Action;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One change of a tier while traffic flows, in every namespace of the model at once
 * (docs/design.md, "Application models"). Pods leave the published tier before they are deleted,
 * and new pods count once the shims report them network-ready; the change is published as an {@link
 * AppChange} from before the first object is touched to after the last.
 *
 * <ul>
 *   <li>{@code scale}: to {@code replicas}, creating new pods or deleting the newest;
 *   <li>{@code roll}: replaces the pods in batches of {@code batchSize}: creates the replacements,
 *       waits until they are network-ready, deletes the old batch, waits {@code pause};
 *   <li>{@code recreate}: deletes every pod of the tier, then creates as many new ones.
 * </ul>
 */
final class TierChange {
  private static final Duration POLL = Duration.ofMillis(200);

  private final Application app;
  private final Params params;
  private final AppSpec.Tier tier;
  private final String action;
  private final Duration timeout;
  private int created;
  private int deleted;

  TierChange(Application app, Params params) {
    this.app = app;
    this.params = params;
    this.tier = app.spec().tier(params.requireString("tier"));
    this.action = params.action();
    this.timeout = params.duration("timeout", Application.DEFAULT_TIMEOUT);
  }

  List<Summary> run() throws InterruptedException {
    long start = System.nanoTime();
    List<AppChange> started = app.changes().start(app.namespaces(), tier.name(), action);
    int batches = 1;
    switch (action) {
      case "scale" -> scale((int) params.integer("replicas", tier.replicas()));
      case "roll" ->
          batches =
              roll((int) params.integer("batchSize", 1), params.duration("pause", Duration.ZERO));
      default -> recreate();
    }
    app.changes().end(started);
    String note =
        action
            + " of tier "
            + tier.name()
            + " of "
            + app.spec().app()
            + " in "
            + count(app.namespaces().size(), "namespace")
            + ": "
            + count(created, "pod")
            + " created, "
            + deleted
            + " deleted"
            + (action.equals("roll") ? " in " + count(batches, "batch") : "")
            + ", "
            + Duration.ofNanos(System.nanoTime() - start).toMillis()
            + " ms";
    return List.of(new Summary(Application.SUMMARY, List.of(), List.of(), List.of(note)));
  }

  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : noun.endsWith("h") ? "es" : "s");
  }

  private void scale(int replicas) throws InterruptedException {
    Map<String, List<String>> added = new LinkedHashMap<>();
    Map<String, List<String>> removed = new LinkedHashMap<>();
    for (String ns : app.namespaces()) {
      int now = app.pods().live(ns, tier.name()).size();
      if (replicas > now) {
        added.put(ns, List.of());
        create(ns, replicas - now, added);
      } else if (replicas < now) {
        removed.put(ns, app.pods().remove(ns, tier.name(), now - replicas, false));
      }
    }
    delete(removed);
    awaitReady(added);
  }

  private int roll(int batchSize, Duration pause) throws InterruptedException {
    Map<String, Integer> old = new LinkedHashMap<>();
    int most = 0;
    for (String ns : app.namespaces()) {
      old.put(ns, app.pods().live(ns, tier.name()).size());
      most = Math.max(most, old.get(ns));
    }
    int batches = 0;
    for (int done = 0; done < most; done += batchSize) {
      if (batches > 0 && !pause.isZero()) {
        Thread.sleep(pause);
      }
      Map<String, List<String>> added = new LinkedHashMap<>();
      Map<String, List<String>> removed = new LinkedHashMap<>();
      for (String ns : app.namespaces()) {
        int n = Math.min(batchSize, old.get(ns) - done);
        if (n > 0) {
          create(ns, n, added);
        }
      }
      awaitReady(added);
      // The replacements are the newest pods, so the oldest are still the old ones.
      for (String ns : added.keySet()) {
        removed.put(ns, app.pods().remove(ns, tier.name(), added.get(ns).size(), true));
      }
      delete(removed);
      batches++;
    }
    return batches;
  }

  private void recreate() throws InterruptedException {
    Map<String, List<String>> removed = new LinkedHashMap<>();
    for (String ns : app.namespaces()) {
      int n = app.pods().live(ns, tier.name()).size();
      removed.put(ns, app.pods().remove(ns, tier.name(), n, true));
    }
    delete(removed);
    Map<String, List<String>> added = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : removed.entrySet()) {
      create(e.getKey(), e.getValue().size(), added);
    }
    awaitReady(added);
  }

  private void create(String ns, int n, Map<String, List<String>> added)
      throws InterruptedException {
    List<Action> actions = app.createActions(ns, tier, n);
    List<String> live = app.pods().live(ns, tier.name());
    added.put(ns, live.subList(live.size() - n, live.size()));
    app.tuningSet().execute(actions);
    created += n;
  }

  // Out of the published tier first (one publisher round), then deleted: clients stop picking
  // them before they go, as endpoints would drop a terminating pod.
  private void delete(Map<String, List<String>> removed) throws InterruptedException {
    if (removed.values().stream().allMatch(List::isEmpty)) {
      return;
    }
    app.publisher().awaitTick();
    List<Action> actions = new ArrayList<>();
    removed.forEach((ns, names) -> actions.addAll(app.deleteActions(ns, names)));
    app.tuningSet().execute(actions);
    deleted += actions.size();
  }

  private void awaitReady(Map<String, List<String>> added) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<String> waiting = new ArrayList<>();
      added.forEach(
          (ns, names) ->
              names.stream()
                  .filter(n -> !app.pods().isReady(ns, n))
                  .forEach(n -> waiting.add(ns + "/" + n)));
      if (waiting.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new NetmarkException(
            params.path()
                + ": "
                + waiting.size()
                + " new pods of tier "
                + tier.name()
                + " not network-ready after "
                + timeout
                + ", e.g. "
                + String.join(", ", waiting.subList(0, Math.min(5, waiting.size()))));
      }
      Thread.sleep(POLL);
    }
  }
}
