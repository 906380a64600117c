package dev.netmark.shim.cri;

import dev.netmark.shim.cni.CachedAdds;
import dev.netmark.shim.cni.CachedAdds.CachedAdd;
import dev.netmark.shim.cni.CniRequest;
import dev.netmark.shim.netns.NetNamespaces;
import dev.netmark.shim.netns.NetnsException;
import dev.netmark.shim.state.AddAttempts;
import dev.netmark.shim.state.ContainerPhase;
import dev.netmark.shim.state.PodIdentity;
import dev.netmark.shim.state.SandboxEntry;
import dev.netmark.shim.state.ShimState;
import dev.netmark.shim.traffic.TrafficExit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings reloaded state in line with what a restart cannot carry over. */
public final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private Recovery() {}

  /**
   * Rebuilds the sandboxes whose state files were quarantined from what the CNI result cache and
   * the network namespace still tell, so kubelet's StopPodSandbox runs a real DEL and nothing
   * leaks: the pod, its IP, its namespace and the cached result come back; labels, annotations and
   * containers are lost (kubelet recreates containers). Without a cache entry the ADD is either
   * undone or was never complete, so only a namespace left behind is deleted.
   *
   * @return how many sandboxes were rebuilt
   */
  public static int rebuildQuarantined(
      ShimState state, Path cniCacheDir, NetNamespaces namespaces, String netnsPrefix) {
    int rebuilt = 0;
    for (String id : state.quarantinedSandboxes()) {
      String netnsName = NetperfNode.netnsName(netnsPrefix, id);
      Optional<CachedAdd> cached;
      try {
        cached = CachedAdds.find(cniCacheDir, id);
      } catch (IOException | IllegalArgumentException e) {
        LOG.error("sandbox {}: its state file was lost and its CNI cache is unreadable: {}", id, e);
        cached = Optional.empty();
      }
      if (cached.isPresent() && rebuild(state, id, cached.get())) {
        rebuilt++;
        continue;
      }
      if (namespaces.exists(netnsName)) {
        try {
          namespaces.delete(netnsName);
          LOG.warn("sandbox {}: lost with its state file; deleted its namespace {}", id, netnsName);
        } catch (NetnsException e) {
          LOG.error(
              "sandbox {}: cannot delete its namespace {}: {}", id, netnsName, e.getMessage());
        }
      }
    }
    return rebuilt;
  }

  private static boolean rebuild(ShimState state, String id, CachedAdd add) {
    Map<String, String> args = add.cniArgs();
    PodIdentity pod;
    try {
      pod =
          new PodIdentity(
              args.get("K8S_POD_NAMESPACE"), args.get("K8S_POD_NAME"), args.get("K8S_POD_UID"), 0);
    } catch (IllegalArgumentException e) {
      LOG.error("sandbox {}: the CNI cache names no usable pod: {}", id, e.getMessage());
      return false;
    }
    String ip = add.result().primaryIp().map(a -> a.address().getHostAddress()).orElse("");
    long created = createdAt(add.netns());
    state.add(
        new SandboxEntry(
            id,
            pod,
            Map.of(),
            Map.of(),
            "",
            created,
            add.netns(),
            ip,
            add.result().rawJson(),
            add.capabilityArgs(),
            0,
            true,
            false,
            List.of()));
    LOG.warn(
        "sandbox {} of {}: rebuilt from the CNI cache after its state file was lost ({}, {})",
        id,
        pod,
        ip,
        add.netns());
    return true;
  }

  // The namespace file's change time stands for the sandbox's creation; now if it is gone.
  private static long createdAt(String netns) {
    try {
      return Files.getLastModifiedTime(Path.of(netns)).toMillis() * 1_000_000L;
    } catch (IOException | RuntimeException e) {
      return EpochNanos.now();
    }
  }

  /** What an ADD left in flight by a dead shim gets: its ADD_FAILED, then the undo. */
  interface Undo {
    /**
     * @param attempts the pod's attempts, the interrupted one last
     * @param cni the DEL to run (no previous result)
     * @param netnsName the namespace to delete
     */
    void undo(AddAttempts attempts, CniRequest cni, String netnsName);
  }

  /** The error of the ADD_FAILED an interrupted attempt gets. */
  static final String INTERRUPTED = "the shim stopped during this ADD; undone when it restarted";

  /**
   * Undoes the ADDs an earlier shim died in the middle of (killed, or its node lost power): their
   * sandbox was never stored, so no StopPodSandbox will come for it, and kubelet's retry makes a
   * new one. Each gets what a failed ADD gets, an ADD_FAILED record, a DEL without a previous
   * result and the removal of its namespace, before CRI is served. The plugins the dead shim left
   * running were killed before ({@code cni.RunningPlugins#open}), so none finishes its ADD after
   * this DEL.
   *
   * @return how many were undone
   */
  static int undoInterruptedAdds(ShimState state, Undo undo) {
    int undone = 0;
    for (AddAttempts a : state.interruptedAdds()) {
      AddAttempts.InFlight f = a.inFlight();
      Path netns = Path.of(f.netns());
      LOG.warn(
          "sandbox {} of {}/{}: the previous shim stopped during its ADD; running DEL and deleting"
              + " {}",
          f.sandbox(),
          f.podNamespace(),
          f.podName(),
          netns);
      undo.undo(
          a,
          CniRequest.of(f.sandbox(), netns, f.podNamespace(), f.podName(), a.uid()),
          netns.getFileName().toString());
      state.settleAttempt(a.uid());
      undone++;
    }
    return undone;
  }

  /**
   * A traffic command running when the previous shim stopped died with it: its container is
   * reported exited as killed, instead of running forever. Containers without a command have no
   * process and stay running.
   */
  static void endInterruptedTraffic(NetperfNode node) {
    long now = EpochNanos.now();
    for (SandboxEntry s : node.state().sandboxes()) {
      s.containers().stream()
          .filter(c -> c.phase() == ContainerPhase.RUNNING)
          .filter(c -> !c.command().isEmpty() || !c.args().isEmpty())
          .forEach(
              c ->
                  node.state()
                      .update(
                          s.id(),
                          x ->
                              x.withContainer(
                                  c.id(),
                                  y ->
                                      y.exited(
                                          now,
                                          TrafficExit.KILLED,
                                          "Error",
                                          "the shim restarted while the traffic command ran"))));
    }
  }
}
