package dev.netmark.shim.cri;

import dev.netmark.shim.cni.CniException;
import dev.netmark.shim.cni.CniRequest;
import dev.netmark.shim.cni.KeyedLocks;
import dev.netmark.shim.netns.NetnsException;
import dev.netmark.shim.records.PodRef;
import dev.netmark.shim.state.ContainerEntry;
import dev.netmark.shim.state.ContainerPhase;
import dev.netmark.shim.state.PodIdentity;
import dev.netmark.shim.state.SandboxEntry;
import io.grpc.Status;
import io.grpc.StatusException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * StopPodSandbox (CNI DEL with the cached result, containers stopped) and RemovePodSandbox (the
 * namespace and the state go), both idempotent like containerd's: stopping twice or removing what
 * is gone succeeds.
 */
final class SandboxTeardown {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxTeardown.class);

  private final NetperfNode node;
  private final CallLocks sandboxLocks = new CallLocks();

  SandboxTeardown(NetperfNode node) {
    this.node = node;
  }

  /** Runs DEL unless it already succeeded; a DEL failure fails the call so kubelet retries. */
  void stop(String id) throws StatusException {
    long start = System.nanoTime();
    try (KeyedLocks.Handle held = sandboxLocks.lock(id, "StopPodSandbox")) {
      SandboxEntry s = node.state().sandbox(id).orElse(null);
      if (s == null || s.networkDeleted()) {
        return;
      }
      PodRef ref = ref(s.pod());
      node.prober().cancel(s.pod().uid());
      stopContainers(s);
      try {
        node.cni().runtime().del(request(s));
      } catch (CniException e) {
        node.recorder().delFailed(ref, s.ip(), s.addAttempt(), e.getMessage());
        node.state().update(id, old -> old.stopped(false));
        throw Statuses.error(
            Status.UNKNOWN,
            "failed to destroy network for sandbox \"" + id + "\": " + e.getMessage());
      }
      long end = System.nanoTime();
      // The record before the state that says the network is gone: a shim killed in between, or
      // a record that cannot be written (a full disk), leaves the sandbox unstopped, so kubelet's
      // retry runs DEL again and records it. In the other order the retry returned at once and the
      // DEL record was lost (fault-soak). A record written twice (killed after it) counts once: a
      // pod's first value of each metric is the one read.
      node.recorder().deleted(ref, s.ip(), s.addAttempt(), Duration.ofNanos(end - start));
      node.state().update(id, old -> old.stopped(true));
    }
  }

  /** Stops the sandbox if needed, then deletes its namespace and forgets it. */
  void remove(String id) throws StatusException {
    try (KeyedLocks.Handle held = sandboxLocks.lock(id, "RemovePodSandbox")) {
      SandboxEntry s = node.state().sandbox(id).orElse(null);
      if (s == null) {
        return;
      }
      stop(id);
      s.containers().forEach(c -> node.traffic().forget(c.id()));
      s.containers().forEach(c -> node.apps().forget(c.id()));
      try {
        node.namespaces().delete(node.netnsName(id));
      } catch (NetnsException e) {
        throw Statuses.error(
            Status.INTERNAL,
            "removing the network namespace of sandbox " + id + ": " + e.getMessage());
      }
      node.state().remove(id);
      node.recorder().removed(ref(s.pod()), s.ip(), s.addAttempt());
    }
  }

  /** After a failed ADD: DEL what the plugins may have set up, then delete the namespace. */
  void undoFailedAdd(CniRequest cni, String netnsName) {
    try {
      node.cni().runtime().del(cni);
    } catch (CniException e) {
      // The ADD already failed and is reported; a leak shows up in the node's IPs, not here.
      LOG.warn("DEL after a failed ADD of {} failed too: {}", cni.containerId(), e.getMessage());
    }
    try {
      node.namespaces().delete(netnsName);
    } catch (NetnsException e) {
      LOG.warn("cannot delete namespace {} after a failed ADD: {}", netnsName, e.getMessage());
    }
  }

  private void stopContainers(SandboxEntry s) {
    long now = EpochNanos.now();
    for (ContainerEntry c : s.containers()) {
      node.traffic().stop(c.id());
      node.apps().stop(c.id());
      if (c.phase() != ContainerPhase.EXITED) {
        node.state()
            .update(
                s.id(), old -> old.withContainer(c.id(), x -> x.exited(now, 0, "Completed", "")));
      }
    }
  }

  static CniRequest request(SandboxEntry s) {
    PodIdentity p = s.pod();
    return CniRequest.of(s.id(), Path.of(s.netnsPath()), p.namespace(), p.name(), p.uid())
        .withCapabilityArgs(s.capabilityArgs());
  }

  static PodRef ref(PodIdentity pod) {
    return new PodRef(pod.namespace(), pod.name(), pod.uid());
  }
}
