package dev.netmark.shim.targets;

import dev.netmark.contract.ProbeTargets;
import dev.netmark.contract.json.JsonNode;
import dev.netmark.shim.kube.ApiEndpoint;
import dev.netmark.shim.kube.NamedObjectWatch;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link TargetsHolder} up to date from the ConfigMap {@value ProbeTargets#NAMESPACE}/
 * {@value ProbeTargets#CONFIGMAP_NAME}, key {@value ProbeTargets#CONFIGMAP_KEY}.
 *
 * <p>Follows that one named ConfigMap ({@link NamedObjectWatch}: list, watch, reconnects); it never
 * lists pods. Invalid content is logged with every problem and the previous valid targets stay in
 * force; a deleted ConfigMap also leaves them in force, since pods being probed still need
 * somewhere to probe.
 *
 * <p>{@link #start} never waits for the API server: the first list runs in the background and is
 * retried until it succeeds, so the shim serves CRI with a master that is down (docs/design.md,
 * "Faults"). Until then {@link #problem} says what is missing.
 */
public final class ConfigMapTargetsWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigMapTargetsWatcher.class);
  private static final String ORIGIN =
      "ConfigMap "
          + ProbeTargets.NAMESPACE
          + "/"
          + ProbeTargets.CONFIGMAP_NAME
          + " key "
          + ProbeTargets.CONFIGMAP_KEY;
  private static final String NOT_CONNECTED = "not connected yet";

  private final String apiSource;
  private final TargetsHolder holder;
  private volatile NamedObjectWatch watch;
  private volatile boolean listed;
  private volatile String lastError = NOT_CONNECTED;

  private ConfigMapTargetsWatcher(TargetsHolder holder, String apiSource) {
    this.holder = holder;
    this.apiSource = apiSource;
  }

  /**
   * Starts watching; returns at once, whether or not the API server answers (use {@link
   * TargetsHolder#awaitFirst} to wait for targets).
   *
   * @param apiSource where the endpoint came from, for messages (the kubeconfig and server)
   */
  public static ConfigMapTargetsWatcher start(
      ApiEndpoint api, TargetsHolder holder, String apiSource) {
    ConfigMapTargetsWatcher w = new ConfigMapTargetsWatcher(holder, apiSource);
    w.watch =
        NamedObjectWatch.start(
            api,
            "/api/v1/namespaces/" + ProbeTargets.NAMESPACE + "/configmaps",
            ProbeTargets.CONFIGMAP_NAME,
            w.new Handler());
    return w;
  }

  private final class Handler implements NamedObjectWatch.Handler {
    @Override
    public void upsert(JsonNode configMap) {
      accept(configMap, holder);
    }

    @Override
    public void deleted() {
      LOG.warn("{} was deleted; keeping the last valid probe targets", ORIGIN);
    }

    @Override
    public void problem(String problem) {
      if (problem == null) {
        if (lastError != null) {
          LOG.info("watching {} through {}", ORIGIN, apiSource);
        }
        listed = true;
      } else if (!Objects.equals(problem, lastError)) {
        LOG.warn(
            "cannot {} {} through {}: {}; netperf pods wait for probe targets, other pods are not"
                + " affected; retrying",
            listed ? "keep watching" : "read",
            ORIGIN,
            apiSource,
            problem);
      }
      lastError = problem;
    }
  }

  /**
   * Why targets cannot be followed right now (no first list yet, or the watch is down), naming the
   * ConfigMap and the kubeconfig; null while watching.
   */
  public String problem() {
    String error = lastError;
    if (error == null) {
      return null;
    }
    return "probe targets: cannot "
        + (listed ? "watch " : "read ")
        + ORIGIN
        + " through "
        + apiSource
        + " ("
        + error
        + "); netperf pods wait for targets";
  }

  /** Applies one version of the ConfigMap (its JSON); returns whether it was valid. */
  static boolean accept(JsonNode configMap, TargetsHolder holder) {
    JsonNode meta = configMap.path("metadata");
    // The watch filters by name; the check guards against servers that ignore the selector.
    if (!ProbeTargets.CONFIGMAP_NAME.equals(meta.path("name").asString(""))) {
      return false;
    }
    JsonNode json = configMap.path("data").path(ProbeTargets.CONFIGMAP_KEY);
    if (!json.isString()) {
      LOG.error("{}: the key is missing; keeping the last valid probe targets", ORIGIN);
      return false;
    }
    try {
      ProbeTargets targets = ProbeTargetsJson.parse(json.asString(), ORIGIN);
      holder.update(targets);
      LOG.info(
          "probe targets updated from {} (resourceVersion {}): {} nodes with control pods",
          ORIGIN,
          meta.path("resourceVersion").asString(""),
          targets.controlPods().size());
      return true;
    } catch (InvalidTargetsException e) {
      LOG.error("{}; keeping the last valid probe targets", e.getMessage());
      return false;
    }
  }

  @Override
  public void close() {
    watch.close();
  }
}
