package dev.netmark.shim.probe;

import dev.netmark.contract.ProbeTargets.ProbePolicy;
import dev.netmark.shim.netns.NetnsException;
import dev.netmark.shim.netns.NetnsHandle;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The checks of one pod on the {@link EventLoop}, the pod's namespace held open, and the raw ICMP
 * sockets its pings share. Loop thread only; ends when the pod settles or is cancelled.
 *
 * <p>A pod's run can be {@link #prepare prepared} while its ADD is still running: the namespace
 * exists before the plugins are called, so its sockets can be made then, and the ADD's end only
 * sends.
 */
final class PodRun {
  private final EventLoop loop;
  private final NetnsHandle netns;
  private final List<CheckRun> runs = new ArrayList<>();
  private final int firstIcmpId;
  private PodProbe probe;
  private IcmpSocket icmp4;
  private IcmpSocket icmp6;
  private boolean closed;

  private PodRun(EventLoop loop, NetnsHandle netns, String uid) {
    this.loop = loop;
    this.netns = netns;
    // Each ping check gets its own ICMP identifier, so replies are matched per check.
    this.firstIcmpId = uid.hashCode() & 0xffff;
  }

  /**
   * Opens the pod's namespace, builds its checks and makes their first sockets, sending nothing
   * (loop thread). A socket that cannot be made now is tried again by its check's first attempt,
   * which records why if it fails again.
   *
   * @throws NetnsException when the namespace cannot be opened
   */
  static PodRun prepare(
      EventLoop loop,
      Path netnsFile,
      String uid,
      CheckPlan plan,
      Map<HttpCheck, InetAddress> resolved,
      ProbePolicy policy) {
    PodRun pod = new PodRun(loop, NetnsHandle.open(netnsFile), uid);
    int[] id = {pod.firstIcmpId};
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
    for (CheckRun run : pod.runs) {
      try {
        run.prepare();
      } catch (ProbeSetupException e) {
        // Left to the check's first attempt, which makes the socket again or records the failure.
      }
    }
    return pod;
  }

  /** Sends the first attempt of every check now, for {@code probe} (loop thread). */
  void begin(PodProbe probe, long now) {
    this.probe = probe;
    probe.started(now);
    probe.onCancel(() -> loop.execute(this::close));
    for (CheckRun run : List.copyOf(runs)) {
      if (!closed) {
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
