package dev.netmark.shim.app;

import dev.netmark.shim.netns.NetnsException;
import dev.netmark.shim.netns.NetnsHandle;
import dev.netmark.shim.probe.EventLoop;
import java.net.Inet6Address;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * One {@code netmark-call} container: from the pod's network-ready, requests at the edge's pace
 * ({@link Pacer}), each resolved afresh ({@link TierResolver}), aggregated per second of send
 * ({@link RequestSeconds}) into REQUESTS records. Loop thread only.
 */
final class CallRun {
  /** A request in flight that the run can abandon when it stops. */
  interface InFlight {
    void abandon();
  }

  private final AppContext ctx;
  private final AppRun run;
  private final CallCommand call;
  private final RequestSeconds seconds;
  private final Random random = new Random();
  private final Set<InFlight> open = Collections.newSetFromMap(new IdentityHashMap<>());
  private NetnsHandle netns;
  private Pacer pacer;
  private EventLoop.Timer tick;
  private long flushSecond = Long.MIN_VALUE;
  private IcmpCaller icmp4;
  private IcmpCaller icmp6;
  private boolean closed;

  CallRun(AppContext ctx, AppRun run, CallCommand call) {
    this.ctx = ctx;
    this.run = run;
    this.call = call;
    AppRequest req = run.request();
    this.seconds =
        new RequestSeconds(
            call,
            stats ->
                ctx.write(
                    () -> ctx.recorder().requests(req.pod(), req.podIp(), req.attempt(), stats)),
            random);
  }

  /**
   * Starts calling. Request 0 is due at {@code readyNanos} (the pod's network-ready) or, when the
   * loop learns of it later (the hand-off, a container started after it), at once: the pace is
   * anchored there, so no slot is skipped before the first request.
   */
  void begin(long readyNanos) {
    if (closed) {
      return;
    }
    try {
      netns = NetnsHandle.open(run.request().netns());
    } catch (NetnsException e) {
      closed = true;
      run.exited(1, "cannot call from the pod's namespace: " + e.getMessage());
      return;
    }
    long now = System.nanoTime();
    pacer =
        new Pacer(now - readyNanos > 0 ? now : readyNanos, call.rate(), call.duration().toNanos());
    schedule();
  }

  private void schedule() {
    if (pacer.over()) {
      endIfIdle();
    } else {
      tick = ctx.io().loop().at(pacer.nextDue(), this::tick);
    }
  }

  private void tick() {
    long slot = pacer.take(System.nanoTime());
    if (slot >= 0) {
      send(slot);
    }
    if (!closed) {
      schedule();
    }
  }

  private void send(long slot) {
    long wall = System.currentTimeMillis();
    var target =
        TierResolver.resolve(
            ctx.targets().current().orElse(null), run.request().pod().namespace(), call, random);
    RequestSeconds.Ticket ticket = seconds.sent(wall, target == null ? null : target.text());
    flushAfter(wall);
    if (target == null) {
      seconds.failed(ticket, "no_target", wall);
      return;
    }
    switch (call.protocol()) {
      case "icmp" ->
          IcmpCaller.send(
              icmp(target.address() instanceof Inet6Address), this, ticket, slot, target);
      default -> StreamCall.start(this, ticket, target);
    }
  }

  /** Flushes the second of {@code wallMs} just after it ends. */
  private void flushAfter(long wallMs) {
    long second = Math.floorDiv(wallMs, 1000);
    if (second != flushSecond) {
      flushSecond = second;
      long leftMs = (second + 1) * 1000 - wallMs + 1;
      ctx.io()
          .loop()
          .at(
              System.nanoTime() + leftMs * 1_000_000L,
              () -> seconds.flush(System.currentTimeMillis()));
    }
  }

  private IcmpCaller icmp(boolean v6) {
    if (v6) {
      return icmp6 != null ? icmp6 : (icmp6 = IcmpCaller.open(this, true));
    }
    return icmp4 != null ? icmp4 : (icmp4 = IcmpCaller.open(this, false));
  }

  CallCommand call() {
    return call;
  }

  AppLoop io() {
    return ctx.io();
  }

  NetnsHandle netns() {
    return netns;
  }

  void opened(InFlight f) {
    open.add(f);
  }

  void answered(InFlight f, RequestSeconds.Ticket t, long sentNanos, long endNanos) {
    open.remove(f);
    seconds.answered(t, Math.max(0, endNanos - sentNanos) / 1e6, System.currentTimeMillis());
    endIfIdle();
  }

  void failed(InFlight f, RequestSeconds.Ticket t, String cause) {
    if (f != null) {
      open.remove(f);
    }
    seconds.failed(t, cause, System.currentTimeMillis());
    endIfIdle();
  }

  /** After the duration: once the last request finished, its seconds are written and it exits. */
  private void endIfIdle() {
    if (!closed && pacer != null && pacer.over() && seconds.openRequests() == 0) {
      stop();
      ctx.write(() -> run.exited(0, null)); // after the last records, which are queued before it
    }
  }

  /** Stops calling: requests still open finish as {@code stopped}, every second is written. */
  void stop() {
    if (closed) {
      return;
    }
    closed = true;
    if (tick != null) {
      tick.cancel();
    }
    for (InFlight f : List.copyOf(open)) {
      f.abandon();
    }
    open.clear();
    seconds.stop(System.currentTimeMillis());
    if (icmp4 != null) {
      icmp4.close();
    }
    if (icmp6 != null) {
      icmp6.close();
    }
    if (netns != null) {
      netns.close();
    }
  }
}
