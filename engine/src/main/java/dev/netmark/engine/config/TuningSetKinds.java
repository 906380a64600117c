package dev.netmark.engine.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tuning-set kinds of clusterloader2 and their parameters, with clusterloader2's field names
 * ({@code api/types.go}): every field is required and every number or duration must be positive.
 */
public final class TuningSetKinds {
  private static final Map<String, List<Field>> KINDS = kinds();

  private TuningSetKinds() {}

  /** The kind names, in clusterloader2's order. */
  public static Set<String> names() {
    return Collections.unmodifiableSet(KINDS.keySet());
  }

  /** The parameter names of a kind, or an empty list for an unknown kind. */
  public static List<String> parameters(String kind) {
    return KINDS.getOrDefault(kind, List.of()).stream().map(Field::name).toList();
  }

  /** Reads and checks the parameters of a known kind; null if they are not a map. */
  static Map<String, Object> read(String kind, Located params) {
    return Field.readAll(params, KINDS.get(kind));
  }

  static boolean known(String kind) {
    return KINDS.containsKey(kind);
  }

  private static Map<String, List<Field>> kinds() {
    Map<String, List<Field>> k = new LinkedHashMap<>();
    k.put("qpsLoad", List.of(Field.required("qps", ValueType.POSITIVE_NUMBER)));
    k.put("randomizedLoad", List.of(Field.required("averageQps", ValueType.POSITIVE_NUMBER)));
    k.put(
        "steppedLoad",
        List.of(
            Field.required("burstSize", ValueType.POSITIVE_INTEGER),
            Field.required("stepDelay", ValueType.POSITIVE_DURATION)));
    k.put("timeLimitedLoad", List.of(Field.required("timeLimit", ValueType.POSITIVE_DURATION)));
    k.put(
        "randomizedTimeLimitedLoad",
        List.of(Field.required("timeLimit", ValueType.POSITIVE_DURATION)));
    k.put(
        "parallelismLimitedLoad",
        List.of(Field.required("parallelismLimit", ValueType.POSITIVE_INTEGER)));
    k.put(
        "globalQPSLoad",
        List.of(
            Field.required("qps", ValueType.POSITIVE_NUMBER),
            Field.required("burst", ValueType.POSITIVE_INTEGER)));
    k.put(
        "poissonLoad",
        List.of(Field.required("expectedActionsPerSecond", ValueType.POSITIVE_NUMBER)));
    return Collections.unmodifiableMap(k);
  }
}
