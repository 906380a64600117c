package dev.netmark.bench.engine;

import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.engine.clock.Ticker;
import dev.netmark.engine.config.MeasurementSpec;
import dev.netmark.engine.config.NamespaceSelection;
import dev.netmark.engine.config.NamespaceSpec;
import dev.netmark.engine.config.ObjectSpec;
import dev.netmark.engine.config.PhaseSpec;
import dev.netmark.engine.config.StepSpec;
import dev.netmark.engine.config.TestConfig;
import dev.netmark.engine.config.TuningSetSpec;
import dev.netmark.engine.kube.RetryPolicy;
import dev.netmark.engine.measurement.MeasurementRunner;
import dev.netmark.engine.progress.Progress;
import dev.netmark.engine.step.RunOptions;
import dev.netmark.engine.step.RunResult;
import dev.netmark.engine.step.TestRunner;
import dev.netmark.testing.local.api.ApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates pods through the engine's own machinery, the way a {@code createPods} step compiles
 * (TestRunner, StepExecutor, PhaseExecutor, the tuning set, KubeOps), on a fresh local-mode API
 * server, and records when each create action started.
 */
final class EngineCreates {
  static final String NAMESPACE = "bench";

  /**
   * One run.
   *
   * @param startNanos when the tuning set started each action (nanoTime, sorted)
   * @param requestNanos when each action, having rendered its object, sent its create (sorted)
   * @param elapsedNanos the whole run, namespaces included
   * @param created pods found on the server afterwards
   * @param retries creates the engine's Retrier retried after a transient failure
   */
  record Run(long[] startNanos, long[] requestNanos, long elapsedNanos, int created, int retries) {
    /** Actions started per second. */
    double startRate() {
      return rate(startNanos);
    }

    /** Create requests sent per second. */
    double requestRate() {
      return rate(requestNanos);
    }

    /** Pods created per second over the whole phase, first start to last create answered. */
    double createRate() {
      return created / (elapsedNanos / 1e9);
    }

    /** n events span n-1 intervals. */
    private static double rate(long[] sorted) {
      return (sorted.length - 1) / ((sorted[sorted.length - 1] - sorted[0]) / 1e9);
    }
  }

  private final Path podTemplate;

  /**
   * @param podTemplate the template {@code createPods} uses, configs/templates/pod-netperf.yaml
   */
  EngineCreates(Path podTemplate) {
    this.podTemplate = podTemplate;
  }

  /**
   * Creates {@code pods} pods in one namespace paced by a tuning set.
   *
   * @param kind a tuning set kind, e.g. qpsLoad
   * @param params its params, e.g. {@code {qps: 200}}
   */
  Run run(String kind, Map<String, Object> params, int pods) throws InterruptedException {
    RequestClock clock = new RequestClock();
    StartTicker ticker = new StartTicker();
    RunOptions options =
        new RunOptions(
            false, Progress.silent(), "bench", clock, ticker, 1, RetryPolicy.DEFAULT, false);
    try (ApiServer api = ApiServer.start("127.0.0.1");
        KubernetesClient kube = api.newClient()) {
      long begin = System.nanoTime();
      RunResult result =
          new TestRunner(kube, NO_MEASUREMENTS, options).run(config(kind, params, pods));
      long elapsed = System.nanoTime() - begin;
      if (result.failed()) {
        throw new IllegalStateException("engine run failed: " + result.steps());
      }
      int created = kube.pods().inNamespace(NAMESPACE + "-1").list().getItems().size();
      if (created != pods) {
        throw new IllegalStateException("asked for " + pods + " pods, the server has " + created);
      }
      // parallelismLimitedLoad starts actions as slots free up, without the ticker.
      long[] starts =
          kind.equals("parallelismLimitedLoad") ? new long[0] : sorted(ticker.starts, pods);
      return new Run(
          starts, sorted(clock.requests, pods), elapsed, created, ticker.retrySleeps.get());
    }
  }

  private TestConfig config(String kind, Map<String, Object> params, int pods) {
    ObjectSpec pod =
        new ObjectSpec(
            "netperf-pod",
            podTemplate,
            Map.of(),
            Map.of("netperf", "true"),
            "steps[0].objectBundle");
    PhaseSpec phase =
        new PhaseSpec(NamespaceSelection.range(1, 1, null), pods, "load", List.of(pod), "steps[0]");
    return new TestConfig(
        "engine-rate",
        new NamespaceSpec(1, NAMESPACE, false),
        List.of(new TuningSetSpec("load", kind, Params.of(params), "tuningSets[0]")),
        List.of(new StepSpec("create pods", List.of(phase), List.of(), "steps[0]")),
        Path.of("engine-rate.yaml"),
        "");
  }

  private static long[] sorted(ConcurrentLinkedQueue<Long> times, int expected) {
    if (times.size() != expected) {
      throw new IllegalStateException(expected + " actions, but " + times.size() + " times taken");
    }
    return times.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  /**
   * A tuning set starts an action as soon as its {@code sleepUntil} returns: the start times, with
   * nanosecond precision.
   */
  private static final class StartTicker implements Ticker {
    final ConcurrentLinkedQueue<Long> starts = new ConcurrentLinkedQueue<>();

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    final AtomicInteger retrySleeps = new AtomicInteger();

    @Override
    public void sleepUntil(long deadline) throws InterruptedException {
      Ticker.system().sleepUntil(deadline);
      // The engine's Retrier also sleeps on the ticker, before retrying a failed create, on the
      // action's own thread (ActionGroup names them): those are not starts.
      if (Thread.currentThread().getName().equals("netmark-action")) {
        retrySleeps.incrementAndGet();
      } else {
        starts.add(System.nanoTime());
      }
    }
  }

  /**
   * The engine stamps each create request with {@code wallClock.millis()} after rendering the
   * object, just before sending it: when the request leaves.
   */
  private static final class RequestClock implements InstantSource {
    final ConcurrentLinkedQueue<Long> requests = new ConcurrentLinkedQueue<>();

    @Override
    public Instant instant() {
      return Instant.now();
    }

    @Override
    public long millis() {
      requests.add(System.nanoTime());
      return System.currentTimeMillis();
    }
  }

  private static final MeasurementRunner NO_MEASUREMENTS =
      new MeasurementRunner() {
        @Override
        public List<Summary> execute(MeasurementSpec spec) {
          return List.of();
        }

        @Override
        public void disposeAll() {}
      };
}
