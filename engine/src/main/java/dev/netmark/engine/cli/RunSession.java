package dev.netmark.engine.cli;

import dev.netmark.engine.config.LoadedConfig;
import dev.netmark.engine.config.TestConfig;
import dev.netmark.engine.measurement.DefaultMeasurementRunner;
import dev.netmark.engine.measurement.Plugins;
import dev.netmark.engine.measurement.RunEnvironment;
import dev.netmark.engine.report.ReportWriter;
import dev.netmark.engine.report.RunReport;
import dev.netmark.engine.step.RunOptions;
import dev.netmark.engine.step.RunResult;
import dev.netmark.engine.step.StepResult;
import dev.netmark.engine.step.TestRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;

/** One {@code netmark run}: cluster up, test, reports, cluster down (also on Ctrl-C). */
final class RunSession {
  /** The step a provider cluster's failed teardown is reported as. */
  static final String TEARDOWN_STEP = "Cluster teardown";

  private final RunCommand cmd;
  private final Plugins plugins;
  private final LoadedConfig loaded;
  private final PrintWriter out;
  private final PrintWriter err;

  RunSession(RunCommand cmd, Plugins plugins, LoadedConfig loaded, CommandLine commandLine) {
    this.cmd = cmd;
    this.plugins = plugins;
    this.loaded = loaded;
    this.out = commandLine.getOut();
    this.err = commandLine.getErr();
  }

  int run() throws InterruptedException {
    TestConfig config = loaded.config();
    RunOptions options = RunOptions.defaults().withKeep(cmd.keep);
    Path reportDir =
        cmd.reportDir != null
            ? cmd.reportDir
            : Path.of("reports", config.name() + "-" + options.runId());
    try (ShutdownGuard guard = new ShutdownGuard();
        ClusterSession cluster = open()) {
      err.println("netmark: running '" + config.name() + "' on " + cluster.description());
      err.flush();
      AtomicReference<TestRunner> runner = new AtomicReference<>();
      DefaultMeasurementRunner measurements =
          new DefaultMeasurementRunner(
              plugins.measurements(),
              plugins.metricSources(),
              new RunEnvironment(
                  cluster.kube(),
                  config.name(),
                  () -> runner.get().createdNamespaces(),
                  reportDir,
                  cmd.metricSource != null ? cmd.metricSource : cluster.metricSourceKind(),
                  cmd.metricSourceOptions,
                  cmd.keep));
      runner.set(new TestRunner(cluster.kube(), measurements, options.withShutdownHook(true)));
      guard.runnerActive(true);
      RunResult result;
      try {
        result = runner.get().run(config);
      } finally {
        guard.runnerActive(false);
      }
      // After Ctrl-C the runner re-sets the interrupt flag; clear it so writing the reports (file
      // channels close on interrupt) and tearing the cluster down still work. The run failed.
      boolean interrupted = Thread.interrupted();
      // The cluster goes before the report is written, so what its teardown could not undo (a
      // failed CNI DEL, a pod removed without its StopPodSandbox, an address left in IPAM) is in
      // the report as a failed step, not only on stderr after it.
      long teardownStart = System.nanoTime();
      List<String> teardown = cluster.tearDown();
      if (!teardown.isEmpty()) {
        List<StepResult> steps = new ArrayList<>(result.steps());
        steps.add(
            new StepResult(
                TEARDOWN_STEP,
                Duration.ofNanos(System.nanoTime() - teardownStart),
                List.of(),
                teardown));
        result = new RunResult(result.testName(), result.started(), steps, result.cleanup());
      }
      List<String> cleanup = new ArrayList<>(result.cleanup());
      cleanup.addAll(measurements.cleanup());
      RunReport report =
          new RunReport(config, loaded.renderedText(), result, measurements.actions(), cleanup);
      ReportWriter.write(reportDir, report);
      out.print(ReportWriter.summaryText(report));
      out.println("Reports: " + reportDir.toAbsolutePath());
      out.flush();
      return interrupted ? Failures.FAILED : report.exitCode();
    }
  }

  private ClusterSession open() throws InterruptedException {
    if (cmd.target.kubeconfig != null) {
      return ClusterSession.fromKubeconfig(cmd.target.kubeconfig);
    }
    return ClusterSession.start(
        cmd.target.provider, cmd.providerOptions, plugins.clusterProviders());
  }
}
