package dev.netmark.bench.shim;

import dev.netmark.fixtures.Containerd;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One repetition of {@code shim-footprint}: containerd, then the shim under {@code time -v} in
 * front of it, readings idle and with the pods, then everything stopped.
 */
record Run(
    double startupMs,
    double idleRssMiB,
    double idleAnonMiB,
    double idlePssMiB,
    double podsRssMiB,
    double podsAnonMiB,
    double podsPssMiB,
    double podsHwmMiB,
    double timeMaxRssMiB,
    double containerdIdleMiB,
    double containerdPodsMiB) {

  static Run measure(
      BenchNode node, Path dir, List<String> jvmFlags, Path kubeconfig, int pods, Duration settle)
      throws Exception {
    Path timeReport = dir.resolve("time-v.txt");
    double startup;
    Memory idle;
    Memory withPods;
    Memory containerdIdle;
    Memory containerdPods;
    try (Containerd containerd = Containerd.start(dir.resolve("containerd"))) {
      try (ShimJvm shim =
              ShimJvm.start(
                  node,
                  dir.resolve("shim"),
                  jvmFlags,
                  containerd.socket(),
                  timeReport,
                  kubeconfig);
          Cri cri = new Cri(ShimJvm.socket(dir.resolve("shim")))) {
        startup = shim.awaitServing(cri::versionAnswers).toNanos() / 1e6;
        Thread.sleep(settle);
        idle = Memory.of(shim.jvmPid());
        containerdIdle = Memory.of(containerd.pid());
        List<String> sandboxes = new ArrayList<>();
        for (int i = 0; i < pods; i++) {
          String uid = "nso-fp-" + i;
          sandboxes.add(cri.runNetperfPod(uid, uid));
        }
        Thread.sleep(settle); // the probes after each ADD finish
        withPods = Memory.of(shim.jvmPid());
        containerdPods = Memory.of(containerd.pid());
        for (String id : sandboxes) {
          cri.stopAndRemove(id);
        }
      }
    }
    return new Run(
        startup,
        idle.rssMiB(),
        idle.anonMiB(),
        idle.pssMiB(),
        withPods.rssMiB(),
        withPods.anonMiB(),
        withPods.pssMiB(),
        withPods.hwmMiB(),
        Memory.timeMaxRssMiB(timeReport),
        containerdIdle.rssMiB(),
        containerdPods.rssMiB());
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "start-up %.0f ms; shim VmRSS idle %.1f MiB (anon %.1f, Pss %.1f), with pods %.1f MiB (anon"
            + " %.1f, Pss %.1f, VmHWM %.1f, time -v max %.1f); containerd VmRSS idle %.1f MiB, with"
            + " the shim's pods %.1f MiB",
        startupMs,
        idleRssMiB,
        idleAnonMiB,
        idlePssMiB,
        podsRssMiB,
        podsAnonMiB,
        podsPssMiB,
        podsHwmMiB,
        timeMaxRssMiB,
        containerdIdleMiB,
        containerdPodsMiB);
  }
}
