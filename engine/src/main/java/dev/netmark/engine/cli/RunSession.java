package dev.netmark.engine.cli;

import dev.netmark.api.Baseline;
import dev.netmark.api.Summary;
import dev.netmark.engine.config.LoadedConfig;
import dev.netmark.engine.config.TestConfig;
import dev.netmark.engine.measurement.DefaultMeasurementRunner;
import dev.netmark.engine.measurement.Plugins;
import dev.netmark.engine.measurement.RunEnvironment;
import dev.netmark.engine.progress.Progress;
import dev.netmark.engine.report.RunReport;
import dev.netmark.engine.report.data.RunDirectory;
import dev.netmark.engine.report.write.ReportWriter;
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
    RunOptions options =
        RunOptions.defaults()
            .withKeep(cmd.keep)
            .withProgress(Progress.on(out, Progress.isTerminal()));
    Path reportDir =
        cmd.reportDir != null
            ? cmd.reportDir
            : Path.of("reports", config.name() + "-" + options.runId());
    refuseUsedReportDir(reportDir);
    Path logDir = reportDir.resolve("logs");
    try (LogFiles logs = LogFiles.redirect(logDir, cmd.shownLogLevel());
        ShutdownGuard guard = new ShutdownGuard();
        ClusterSession cluster = open(logDir)) {
      err.println("netmark: running '" + config.name() + "' on " + cluster.description());
      err.flush();
      if (cmd.noRawBaseline) {
        cluster.skipBaselines();
      }
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
                  cmd.keep,
                  options.progress()));
      runner.set(new TestRunner(cluster.kube(), measurements, options.withShutdownHook(true)));
      List<String> diagnosis = new ArrayList<>();
      runner
          .get()
          .beforeCleanupOnFailure(
              ns ->
                  diagnosis.addAll(
                      Diagnosis.lines(Diagnosis.pods(cluster.kube(), ns), cluster.events())));
      ClusterStop stop = new ClusterStop(Thread.currentThread());
      cluster.onFailure(stop::failed);
      guard.runnerActive(true);
      RunResult result;
      try {
        stop.running(true);
        result = runner.get().run(config);
      } finally {
        stop.running(false);
        guard.runnerActive(false);
      }
      // After Ctrl-C the runner re-sets the interrupt flag; clear it so writing the reports (file
      // channels close on interrupt) and tearing the cluster down still work. The run failed.
      boolean interrupted = Thread.interrupted();
      // After the test, before the teardown: the cluster's nodes are idle and still there.
      List<Baseline> baselines =
          interrupted || stop.failure() != null || cmd.noRawBaseline
              ? List.of()
              : cluster.baselines();
      List<Summary> clusterSummaries = cluster.summaries();
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
          new RunReport(
              config,
              loaded.renderedText(),
              result,
              measurements.actions(),
              cleanup,
              cluster.events(),
              stop.failure(),
              baselines,
              clusterSummaries);
      ReportWriter.write(reportDir, report);
      out.print(ReportWriter.summaryText(report));
      out.println("Reports: " + reportDir.toAbsolutePath());
      int code = interrupted ? Failures.FAILED : report.exitCode();
      if (code != 0) {
        printDiagnosis(diagnosis, stop.failure(), logDir);
      }
      out.flush();
      return code;
    }
  }

  /**
   * A directory that holds a report would end up with the files of two runs, which no reader can
   * tell apart (docs/reports.md, "One run, one directory"): refused before the cluster is touched.
   */
  static void refuseUsedReportDir(Path reportDir) {
    List<String> found = RunDirectory.reportFiles(reportDir);
    if (!found.isEmpty()) {
      throw new UsageException(
          "--report-dir "
              + reportDir
              + " already holds a run's report ("
              + String.join(", ", found.subList(0, Math.min(4, found.size())))
              + (found.size() > 4 ? " and " + (found.size() - 4) + " more" : "")
              + "); a second run's files would mix with it and compare refuses such a directory:"
              + " pick an empty directory for each run (or delete this one first)");
    }
  }

  /** The grouped diagnosis, the cluster's failure in full, and where the logs are. */
  private void printDiagnosis(List<String> pods, String clusterFailure, Path logDir) {
    if (!pods.isEmpty() || clusterFailure != null) {
      out.println("\nDiagnosis:");
      pods.forEach(l -> out.println("  " + l));
      if (clusterFailure != null) {
        clusterFailure.lines().forEach(l -> out.println("  " + l));
      }
    }
    out.println("Logs: " + logDir.toAbsolutePath() + " (stack traces and every component's log)");
  }

  private ClusterSession open(Path logDir) throws InterruptedException {
    if (cmd.target.kubeconfig != null) {
      return ClusterSession.fromKubeconfig(cmd.target.kubeconfig);
    }
    return ClusterSession.start(
        cmd.target.provider, cmd.providerOptions, plugins.clusterProviders(), logDir);
  }
}
