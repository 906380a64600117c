package dev.netmark.shim.cri;

import dev.netmark.shim.cni.ChainSpan;
import dev.netmark.shim.cni.CniException;
import dev.netmark.shim.cni.CniRequest;
import dev.netmark.shim.cni.CniResult;
import dev.netmark.shim.cni.KeyedLocks;
import dev.netmark.shim.cni.TimedAdd;
import dev.netmark.shim.cri.api.PodSandboxConfig;
import dev.netmark.shim.cri.api.RunPodSandboxRequest;
import dev.netmark.shim.netns.NetnsException;
import dev.netmark.shim.probe.ProbeRequest;
import dev.netmark.shim.records.PodRef;
import dev.netmark.shim.state.AddAttempts;
import dev.netmark.shim.state.BootId;
import dev.netmark.shim.state.Ids;
import dev.netmark.shim.state.PodIdentity;
import dev.netmark.shim.state.SandboxEntry;
import io.grpc.Status;
import io.grpc.StatusException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RunPodSandbox of a netperf pod: a network namespace and a synchronous CNI ADD, as containerd
 * does, so kubelet finds the IP in PodSandboxStatus; then readiness probes start in the background.
 * A failed ADD is recorded, undone, and returned to kubelet, which retries; attempts are counted
 * per pod UID so {@code cni_add_total} spans the retries.
 */
final class SandboxService {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxService.class);

  private final NetperfNode node;
  private final SandboxTeardown teardown;
  private final CallLocks podLocks = new CallLocks();
  private final String bootId = BootId.current();

  SandboxService(NetperfNode node, SandboxTeardown teardown) {
    this.node = node;
    this.teardown = teardown;
  }

  /** Creates the sandbox and returns its id, or fails with the CNI error. */
  String run(RunPodSandboxRequest request) throws StatusException {
    PodSandboxConfig config = request.getConfig();
    PodIdentity pod;
    try {
      var m = config.getMetadata();
      pod = new PodIdentity(m.getNamespace(), m.getName(), m.getUid(), m.getAttempt());
    } catch (IllegalArgumentException e) {
      throw Statuses.error(Status.INVALID_ARGUMENT, "RunPodSandbox: " + e.getMessage());
    }
    try (KeyedLocks.Handle held = podLocks.lock(pod.uid(), "RunPodSandbox")) {
      return runLocked(pod, config, request.getRuntimeHandler());
    }
  }

  private String runLocked(PodIdentity pod, PodSandboxConfig config, String handler)
      throws StatusException {
    PodRef ref = new PodRef(pod.namespace(), pod.name(), pod.uid());
    String id = Ids.newId();
    String netnsName = node.netnsName(id);
    // Stored before the namespace exists: a shim killed during this ADD is undone by the next one.
    AddAttempts.InFlight inFlight =
        new AddAttempts.InFlight(
            id, node.namespaces().path(netnsName).toString(), pod.namespace(), pod.name());
    AddAttempts attempts =
        node.state()
            .startAttempt(
                pod.uid(), System.nanoTime(), System.currentTimeMillis(), bootId, inFlight);
    long firstStart =
        attempts.firstStartNanosNow(System.nanoTime(), System.currentTimeMillis(), bootId);
    int attempt = attempts.attempts();
    long createdAt = EpochNanos.now();
    Path netns;
    try {
      netns = node.namespaces().create(netnsName);
    } catch (NetnsException e) {
      node.recorder().addFailed(ref, attempt, "creating network namespace: " + e.getMessage());
      throw Statuses.error(Status.INTERNAL, "RunPodSandbox " + pod + ": " + e.getMessage());
    }
    // The probes' sockets are made on the probe loop while the plugins run.
    node.prober().prepare(pod.uid(), netns);
    CniRequest cni =
        CniRequest.of(id, netns, pod.namespace(), pod.name(), pod.uid())
            .withCapabilityArgs(CapabilityArgs.of(config));
    CniResult result;
    String ip;
    long addStart;
    long addEnd;
    try {
      TimedAdd add =
          node.cni()
              .runtime()
              .addTimed(cni, span -> startProbing(ref, netns, attempt, firstStart, span));
      result = add.result();
      // cni_add is the plugin chain's span; the lock, the hand-over to a platform thread and the
      // result cache written around it are the shim's own time (docs/design.md, "What is
      // measured").
      addStart = add.span().startNanos();
      addEnd = add.span().endNanos();
      ip = result.primaryIp().map(a -> a.address().getHostAddress()).orElse(null);
      if (ip == null) {
        throw new IllegalStateException("the CNI result has no IP address: " + result.rawJson());
      }
    } catch (CniException | IllegalStateException e) {
      node.prober().cancel(pod.uid());
      failAttempt(ref, attempt, cni, netnsName, e);
      throw Statuses.error(
          Status.UNKNOWN, "failed to setup network for sandbox \"" + id + "\": " + e.getMessage());
    } catch (RuntimeException unexpected) {
      node.prober().cancel(pod.uid()); // what was made ready for its probes must not stay open
      throw unexpected;
    }
    // A pod's clock starts where its first ADD starts: the bookkeeping before it (the netns, the
    // attempt file) is not CNI time, so a pod that needed one attempt has cni_add_total
    // equal to cni_add. Retries keep the first attempt's start as stored, a few ms earlier.
    long totalStart = attempt == 1 ? addStart : firstStart;
    try {
      SandboxEntry entry =
          new SandboxEntry(
              id,
              pod,
              config.getLabelsMap(),
              config.getAnnotationsMap(),
              handler,
              createdAt,
              netns.toString(),
              ip,
              result.rawJson(),
              cni.capabilityArgs(),
              attempt,
              true,
              false,
              List.of());
      node.state().add(entry);
      node.state().clearAttempts(pod.uid());
      node.recorder()
          .added(
              ref,
              ip,
              attempt,
              Duration.ofNanos(addEnd - addStart),
              Duration.ofNanos(addEnd - totalStart));
    } catch (RuntimeException e) {
      // The ADD worked but could not be stored or recorded (a full disk): undo it, or kubelet's
      // retry makes another namespace and IP beside this one (docs/design.md, "Faults").
      node.prober().cancel(pod.uid());
      forget(id);
      failAttempt(ref, attempt, cni, netnsName, e);
      throw Statuses.error(
          Status.UNKNOWN,
          "failed to setup network for sandbox \""
              + id
              + "\": the ADD succeeded but storing it failed, so it was undone: "
              + e.getMessage());
    }
    node.prober().addRecorded(pod.uid(), ip);
    LOG.info("sandbox {} for {}: {} after {} attempt(s)", id, pod, ip, attempt);
    return id;
  }

  /**
   * Starts the probes the moment the last plugin has exited (the start of every {@code
   * probe_<class>}), before its result is read: parsing it, the result cache, state files and
   * records written after it are the shim's own time (docs/design.md, "Readiness probes"). Records
   * stay held until the ADD is recorded, which gives them the pod's IP; an ADD that fails after all
   * (no IP, a result that is not valid) cancels them.
   */
  private void startProbing(PodRef ref, Path netns, int attempt, long firstStart, ChainSpan span) {
    long totalStart = attempt == 1 ? span.startNanos() : firstStart;
    node.prober()
        .startBeforeAddRecorded(
            new ProbeRequest(ref, netns, null, attempt, totalStart, span.endNanos()));
  }

  /** Records the failed attempt and undoes it like containerd: DEL, then the namespace goes. */
  private void failAttempt(
      PodRef ref, int attempt, CniRequest cni, String netnsName, RuntimeException e) {
    try {
      node.recorder().addFailed(ref, attempt, e.getMessage());
    } catch (RuntimeException unrecorded) {
      // The disk that failed the ADD may fail its record too; the undo must happen regardless.
      LOG.warn("cannot record the failed ADD of {}: {}", ref, unrecorded.toString());
    }
    LOG.warn("ADD attempt {} of {} failed: {}", attempt, ref, e.getMessage());
    teardown.undoFailedAdd(cni, netnsName);
    try {
      node.state().settleAttempt(ref.uid());
    } catch (RuntimeException unstored) {
      // Still in flight on disk: the next shim runs this DEL once more, which changes nothing.
      LOG.warn("cannot store that the ADD of {} was undone: {}", ref, unstored.toString());
    }
  }

  private void forget(String id) {
    try {
      node.state().remove(id);
    } catch (RuntimeException stuck) {
      // Listed to kubelet as a sandbox it does not know, which it stops and removes.
      LOG.warn("cannot forget sandbox {} after undoing its ADD: {}", id, stuck.toString());
    }
  }
}
