package dev.netmark.shim.probe;

import dev.netmark.contract.ProbeTargets.ProbePolicy;
import dev.netmark.shim.netns.NetnsException;
import dev.netmark.shim.netns.NetnsHandle;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The checks of one pod on the {@link EventLoop}, the pod's namespace held open, and the raw ICMP
 * sockets its pings share. Loop thread only; ends when the pod settles or is cancelled.
 */
final class PodRun {
  private final EventLoop loop;
  private final PodProbe probe;
  private final NetnsHandle netns;
  private final List<CheckRun> runs = new ArrayList<>();
  private IcmpSocket icmp4;
  private IcmpSocket icmp6;
  private boolean closed;

  private PodRun(EventLoop loop, PodProbe probe, NetnsHandle netns) {
    this.loop = loop;
    this.probe = probe;
    this.netns = netns;
  }

  /**
   * Starts every check of {@code plan} at once (loop thread). A namespace that cannot be opened
   * fails every planned class with the reason.
   *
   * @param resolved the address of each HTTP check's host
   */
  static void start(
      EventLoop loop,
      PodProbe probe,
      CheckPlan plan,
      Map<HttpCheck, InetAddress> resolved,
      ProbePolicy policy) {
    if (probe.cancelled()) {
      return;
    }
    long now = System.nanoTime();
    probe.started(now);
    NetnsHandle netns;
    try {
      netns = NetnsHandle.open(probe.request().netns());
    } catch (NetnsException e) {
      probe.failAll(
          plan.classes().keySet(), "cannot probe from the pod's namespace: " + e.getMessage());
      return;
    }
    PodRun pod = new PodRun(loop, probe, netns);
    probe.onCancel(() -> loop.execute(pod::close));
    // Each ping check gets its own ICMP identifier, so replies are matched per check.
    int[] id = {probe.request().pod().uid().hashCode() & 0xffff};
    plan.classes()
        .forEach(
            (cls, checks) -> {
              for (Check check : checks) {
                pod.runs.add(
                    switch (check) {
                      case IcmpCheck ping ->
                          new PingRun(
                              pod, cls, ping, id[0]++, policy.intervalMs(), policy.timeoutMs());
                      case HttpCheck http ->
                          new HttpRun(
                              pod,
                              cls,
                              http,
                              resolved.get(http),
                              policy.intervalMs(),
                              policy.timeoutMs());
                    });
              }
            });
    for (CheckRun run : List.copyOf(pod.runs)) {
      if (!pod.closed) {
        run.start(now);
      }
    }
  }

  EventLoop loop() {
    return loop;
  }

  /** Runs {@code task} with the loop thread inside the pod's namespace (to create sockets). */
  int inNamespace(IntSupplier task) {
    try {
      return netns.call(task);
    } catch (NetnsException e) {
      throw new ProbeSetupException("entering " + netns.path() + ": " + e.getMessage());
    }
  }

  IcmpSocket icmp(boolean v6) {
    if (v6) {
      return icmp6 != null ? icmp6 : (icmp6 = IcmpSocket.open(this, true));
    }
    return icmp4 != null ? icmp4 : (icmp4 = IcmpSocket.open(this, false));
  }

  void forgetPings(PingRun run) {
    if (icmp4 != null) {
      icmp4.forget(run);
    }
    if (icmp6 != null) {
      icmp6.forget(run);
    }
  }

  void succeeded(CheckRun run, long sent, long arrival, long read) {
    probe.checkSucceeded(
        run.cls,
        new CheckAnswer(
            sent,
            arrival,
            read,
            run.firstAttemptNanos(),
            run.unansweredBefore(),
            run.answeredLateNanos()));
    closeIfSettled();
  }

  void failed(CheckRun run, String detail) {
    probe.checkFailed(run.cls, detail);
    // The class has failed: its other checks have nothing left to decide.
    for (CheckRun other : runs) {
      if (other.cls.equals(run.cls)) {
        other.stop();
      }
    }
    closeIfSettled();
  }

  private void closeIfSettled() {
    if (probe.settledAll()) {
      close();
    }
  }

  void close() {
    if (closed) {
      return;
    }
    closed = true;
    runs.forEach(CheckRun::stop);
    if (icmp4 != null) {
      icmp4.close();
    }
    if (icmp6 != null) {
      icmp6.close();
    }
    netns.close();
  }
}
