package dev.netmark.engine.tuningset;

import dev.netmark.api.ConfigException;
import dev.netmark.api.Params;
import dev.netmark.engine.clock.Ticker;
import dev.netmark.engine.config.TuningSetSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * The tuning sets of one run, by name. Built once per run so that a {@code globalQPSLoad} is one
 * token bucket shared by every phase that names it, across steps.
 */
public final class TuningSets {
  /** The kinds this factory knows, in the order error messages list them. */
  public static final List<String> KINDS =
      List.of(
          "qpsLoad",
          "randomizedLoad",
          "steppedLoad",
          "timeLimitedLoad",
          "randomizedTimeLimitedLoad",
          "parallelismLimitedLoad",
          "globalQPSLoad",
          "poissonLoad");

  private final Map<String, TuningSet> byName = new LinkedHashMap<>();

  /**
   * @param seed seeds the randomized kinds, so a run can be repeated
   * @throws ConfigException naming the param of a spec with an unknown kind or a bad value
   */
  public TuningSets(List<TuningSetSpec> specs, Ticker ticker, long seed) {
    for (TuningSetSpec spec : specs) {
      Random random = new Random(seed ^ spec.name().hashCode());
      byName.put(spec.name(), create(spec, ticker, random));
    }
  }

  /**
   * The tuning set called {@code name}.
   *
   * @param path config path of the reference, for the error message
   */
  public TuningSet get(String name, String path) {
    TuningSet set = byName.get(name);
    if (set == null) {
      throw new ConfigException(
          path, "unknown tuning set '" + name + "', the config defines " + byName.keySet());
    }
    return set;
  }

  /** Makes one tuning set; each call makes a new token bucket for {@code globalQPSLoad}. */
  public static TuningSet create(TuningSetSpec spec, Ticker ticker, RandomGenerator random) {
    Params p = spec.params();
    return switch (spec.kind()) {
      case "qpsLoad" -> {
        double qps = positive(p, "qps");
        yield new ScheduledLoad(n -> Schedules.qps(n, qps), ticker);
      }
      case "randomizedLoad" -> {
        double qps = positive(p, "averageQps");
        yield new ScheduledLoad(n -> Schedules.randomized(n, qps, random), ticker);
      }
      case "steppedLoad" -> {
        int burst = positiveInt(p, "burstSize");
        Duration delay = duration(p, "stepDelay");
        yield new ScheduledLoad(n -> Schedules.stepped(n, burst, delay), ticker);
      }
      case "timeLimitedLoad" -> {
        Duration limit = duration(p, "timeLimit");
        yield new ScheduledLoad(n -> Schedules.timeLimited(n, limit), ticker);
      }
      case "randomizedTimeLimitedLoad" -> {
        Duration limit = duration(p, "timeLimit");
        yield new ScheduledLoad(n -> Schedules.randomizedTimeLimited(n, limit, random), ticker);
      }
      case "parallelismLimitedLoad" ->
          new ParallelismLimitedLoad(positiveInt(p, "parallelismLimit"));
      case "globalQPSLoad" -> {
        double qps = positive(p, "qps");
        int burst = p.has("burst") ? positiveInt(p, "burst") : 1;
        yield new GlobalQpsLoad(new TokenBucket(qps, burst, ticker), ticker);
      }
      case "poissonLoad" -> {
        double rate = positive(p, "expectedActionsPerSecond");
        yield new ScheduledLoad(n -> Schedules.poisson(n, rate, random), ticker);
      }
      default ->
          throw new ConfigException(
              spec.path(), "unknown tuning set kind '" + spec.kind() + "', known: " + KINDS);
    };
  }

  private static double positive(Params p, String key) {
    if (!p.has(key)) {
      throw p.error(key, "is required");
    }
    double v = p.number(key, 0);
    if (!(v > 0) || Double.isInfinite(v)) {
      throw p.error(key, "expected a number > 0, found " + p.asMap().get(key));
    }
    return v;
  }

  private static int positiveInt(Params p, String key) {
    if (!p.has(key)) {
      throw p.error(key, "is required");
    }
    long v = p.integer(key, 0);
    if (v < 1 || v > Integer.MAX_VALUE) {
      throw p.error(key, "expected an integer > 0, found " + v);
    }
    return (int) v;
  }

  private static Duration duration(Params p, String key) {
    if (!p.has(key)) {
      throw p.error(key, "is required");
    }
    Duration d = p.duration(key, Duration.ZERO);
    if (d.isNegative()) {
      throw p.error(key, "expected a duration >= 0, found " + p.asMap().get(key));
    }
    return d;
  }
}
