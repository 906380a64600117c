package dev.netmark.testing.local;

import dev.netmark.api.Baseline;
import dev.netmark.testing.local.host.Exec;
import dev.netmark.testing.local.host.HostException;
import dev.netmark.testing.local.host.Leftovers;
import dev.netmark.testing.local.host.MarkedProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Local mode's machine reference (docs/design.md, "Machine reference"): while the test runs, a
 * thread of its own times a bare CNI ADD, Debian's {@code bridge} with {@code host-local}, always
 * the same one and never the CNI under test, in two scratch namespaces of its own ({@code
 * PREFIX-mref-h} holds the bridge, {@code PREFIX-mref-p} is the pod), every {@link #PAUSE} from the
 * cluster's start to {@link #stop}, every {@link #BUSY_PAUSE} while measured pods are being created
 * ({@link PodWork}). How long that takes says how fast this machine ran CNI work while the measured
 * pods got their sandboxes, so only those ADDs are kept when there are enough of them; {@code
 * netmark compare} divides the run's latencies by it.
 */
final class MachineSpeed implements AutoCloseable {
  /** The reference's metric name ({@code Side=machine} in {@code RawBaseline}). */
  static final String METRIC = "machine_add";

  /** Between the end of one timed ADD and the start of the next. */
  static final Duration PAUSE = Duration.ofSeconds(1);

  /**
   * The pause while measured pods are being created: more samples where they count, at about 14% of
   * one core instead of 6.5% (an ADD and DEL take about 85 ms of CPU here, and about 0.1 s).
   */
  static final Duration BUSY_PAUSE = Duration.ofMillis(500);

  /**
   * Fewer ADDs than this timed while the measured pods got their sandboxes (a run of a few pods, or
   * of none): every ADD is kept, as a median of fewer says little.
   */
  static final int MIN_KEPT = 5;

  /** Debian's containernetworking-plugins, whatever {@code --cni-bin-dir} the test uses. */
  static final Path PLUGINS = Path.of("/usr/lib/cni");

  /** How long {@link #close} waits for the ADD in progress and the clean-up. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

  /** TEST-NET-1, inside the scratch namespace only: it can collide with nothing. */
  private static final String SUBNET = "192.0.2.0/24";

  private final String prefix;
  private final String hostNs;
  private final String podNs;
  private final Path ipamDir;
  private final PodWork work;
  private final List<Timed> timed = new ArrayList<>();
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile String failure;

  /**
   * One timed ADD.
   *
   * @param startMs when it started, epoch milliseconds
   * @param millis how long it took
   */
  record Timed(long startMs, double millis) {}

  private MachineSpeed(String prefix, Path runDir, PodWork work) {
    this.prefix = prefix;
    this.work = work;
    this.hostNs = prefix + "-mref-h";
    this.podNs = prefix + "-mref-p";
    this.ipamDir = runDir.resolve("machine-reference-ipam");
    this.thread =
        Thread.ofPlatform().daemon().name("netmark-machine-reference").unstarted(this::loop);
  }

  /**
   * Starts timing; fails soft (the reference then says why it has no samples).
   *
   * @param work when the measured pods are created, told by the kubelet stand-ins
   */
  static MachineSpeed start(String prefix, Path runDir, PodWork work) {
    MachineSpeed m = new MachineSpeed(prefix, runDir, work);
    m.thread.start();
    return m;
  }

  private void loop() {
    try {
      deleteIpam();
      Exec.check("ip", "netns", "add", hostNs);
      Exec.check("ip", "netns", "add", podNs);
      // The first ADD creates the bridge, which later ones reuse: not timed.
      cni("ADD");
      cni("DEL");
      do {
        long startMs = System.currentTimeMillis();
        long start = System.nanoTime();
        cni("ADD");
        double ms = (System.nanoTime() - start) / 1e6;
        synchronized (timed) {
          timed.add(new Timed(startMs, ms));
        }
        cni("DEL");
      } while (!stopped.await(pause().toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      // close() during the teardown: the fabric's sweep removes the namespaces too.
    } catch (RuntimeException e) {
      failure = e.getMessage();
    } finally {
      cleanUp();
    }
  }

  private Duration pause() {
    return work.busy(System.currentTimeMillis()) ? BUSY_PAUSE : PAUSE;
  }

  private void cni(String command) throws InterruptedException {
    Map<String, String> env = new HashMap<>();
    env.put("CNI_COMMAND", command);
    env.put("CNI_CONTAINERID", "netmark-machine-reference");
    env.put("CNI_NETNS", "/run/netns/" + podNs);
    env.put("CNI_IFNAME", "eth0");
    env.put("CNI_PATH", PLUGINS.toString());
    env.put(MarkedProcesses.ENV, prefix);
    String conf =
        """
        {"cniVersion":"1.0.0","name":"netmark-machine-reference","type":"bridge",\
        "bridge":"mref0","isGateway":true,\
        "ipam":{"type":"host-local","subnet":"%s","dataDir":"%s"}}"""
            .formatted(SUBNET, ipamDir);
    Exec.run(
            env, conf, List.of("ip", "netns", "exec", hostNs, PLUGINS.resolve("bridge").toString()))
        .orThrow();
  }

  /** How many ADDs were timed so far. */
  int timed() {
    synchronized (timed) {
      return timed.size();
    }
  }

  /**
   * Stops timing and returns the reference: {@link Baseline#MACHINE}, metric {@link #METRIC}, one
   * sample per ADD kept ({@link #kept}); empty with the reason when none could be timed.
   */
  Baseline stop() throws InterruptedException {
    stopped.countDown();
    thread.join();
    List<Timed> all;
    synchronized (timed) {
      all = List.copyOf(timed);
    }
    if (all.isEmpty()) {
      return new Baseline(
          METRIC,
          "ms",
          List.of(),
          "no bare ADD timed" + (failure == null ? "" : ": " + failure),
          Baseline.MACHINE,
          List.of());
    }
    boolean whileMeasured = inWindow(all, work.window()).size() >= MIN_KEPT;
    List<Timed> kept = kept(all, work.window());
    String how =
        "a bare bridge + host-local ADD from "
            + PLUGINS
            + " in scratch namespaces, timed from exec to exit every "
            + PAUSE.toSeconds()
            + " s while the test ran, every "
            + BUSY_PAUSE.toMillis()
            + " ms while measured pods were created, independent of the CNI under test; "
            + (whileMeasured
                ? kept.size() + " of " + all.size() + " " + Baseline.MACHINE_WHILE_MEASURED
                : "all "
                    + all.size()
                    + " kept (fewer than "
                    + MIN_KEPT
                    + " were timed while"
                    + " the measured pods got their sandboxes)")
            + (failure == null ? "" : "; stopped early: " + failure);
    return new Baseline(
        METRIC, "ms", kept.stream().map(Timed::millis).toList(), how, Baseline.MACHINE, List.of());
  }

  /**
   * The ADDs that started within {@code window}, when there are at least {@link #MIN_KEPT} of them;
   * else all of them.
   */
  static List<Timed> kept(List<Timed> all, Optional<PodWork.Window> window) {
    List<Timed> in = inWindow(all, window);
    return in.size() >= MIN_KEPT ? in : all;
  }

  private static List<Timed> inWindow(List<Timed> all, Optional<PodWork.Window> window) {
    return window
        .map(w -> all.stream().filter(t -> w.holds(t.startMs())).toList())
        .orElse(List.of());
  }

  private void cleanUp() {
    for (String ns : List.of(podNs, hostNs)) {
      try {
        Exec.run("ip", "netns", "del", ns);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (HostException e) {
        // The fabric's sweep by prefix removes what is left.
      }
    }
    try {
      deleteIpam();
    } catch (HostException e) {
      failure = failure == null ? e.getMessage() : failure;
    }
  }

  private void deleteIpam() {
    Leftovers.deleteTree(ipamDir);
  }

  /**
   * Stops timing and waits for the thread to remove its namespaces, so the teardown that follows
   * finds nothing of it left. Not by interrupt: an interrupted {@code ip netns del} would leave the
   * namespaces to the fabric's sweep, which reports them as leftovers. Only a thread still busy
   * after {@link #CLOSE_WAIT} is interrupted.
   */
  @Override
  public void close() {
    stopped.countDown();
    try {
      thread.join(CLOSE_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
    }
  }
}
