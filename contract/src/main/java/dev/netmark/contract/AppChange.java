package dev.netmark.contract;

import java.util.List;
import java.util.Objects;

/**
 * A change the engine made to a tier of an application model while traffic flowed: scaling it down
 * or up, rolling it (replacing its pods in batches) or deleting and recreating it. The engine
 * publishes every change of a run as a JSON list under {@link #CONFIGMAP_KEY} of the ConfigMap
 * {@link #CONFIGMAP_NAME} in {@link ProbeTargets#NAMESPACE}, so the {@code ApplicationTraffic}
 * measurement can tell rollout errors from steady-state errors (docs/design.md, "Application
 * models").
 *
 * @param namespace the namespace of the tier
 * @param tier the tier's name
 * @param action one of {@link #ACTIONS}
 * @param startMs wall-clock start, epoch milliseconds (before the first object was touched)
 * @param endMs wall-clock end (after the last batch's pods were deleted and their replacements
 *     network-ready), or 0 while the change is still under way
 */
public record AppChange(String namespace, String tier, String action, long startMs, long endMs) {
  public static final String CONFIGMAP_NAME = "netmark-app-changes";
  public static final String CONFIGMAP_KEY = "changes.json";
  public static final List<String> ACTIONS = List.of("scale", "roll", "recreate");

  public AppChange {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(action, "action");
  }
}
