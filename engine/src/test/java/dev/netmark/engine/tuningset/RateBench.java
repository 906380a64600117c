package dev.netmark.engine.tuningset;

import dev.netmark.api.Params;
import dev.netmark.engine.config.TuningSetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Achieved start rate of the rate-driven tuning sets on the real clock: 2,000 no-op actions at 200
 * QPS. Not a test (timing has no place in assertions); run it with {@code java -cp <engine test
 * classpath> dev.netmark.engine.tuningset.RateBench [qps] [actions]}.
 */
public final class RateBench {
  private RateBench() {}

  public static void main(String[] args) throws InterruptedException {
    double qps = args.length > 0 ? Double.parseDouble(args[0]) : 200;
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    for (String kind : List.of("qpsLoad", "globalQPSLoad")) {
      Map<String, Object> params = Map.of("qps", qps);
      TuningSet set =
          TuningSets.create(
              new TuningSetSpec("bench", kind, Params.of(params), "bench"),
              Ticker.system(),
              new Random(1));
      long[] starts = new long[n];
      List<Action> actions = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int k = i;
        actions.add(() -> starts[k] = System.nanoTime());
      }
      long begin = System.nanoTime();
      set.execute(actions);
      long end = System.nanoTime();
      // n starts span n-1 intervals: the rate is intervals over the time from first to last start.
      double achieved = (n - 1) / ((starts[n - 1] - starts[0]) / 1e9);
      double worstLateMs = 0;
      for (int k = 0; k < n; k++) {
        worstLateMs = Math.max(worstLateMs, (starts[k] - starts[0] - k * 1e9 / qps) / 1e6);
      }
      System.out.printf(
          "%-14s target %.1f/s over %d actions: achieved %.3f/s, error %+.3f%%,"
              + " worst start %.2f ms late, execute() took %.3f s%n",
          kind, qps, n, achieved, (achieved - qps) / qps * 100, worstLateMs, (end - begin) / 1e9);
    }
  }
}
