package dev.netmark.testing.local.fabric;

import dev.netmark.shim.cni.CniRequest;
import dev.netmark.shim.state.AddAttempts;
import dev.netmark.shim.state.ShimState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An ADD a node's shim was in the middle of when its run was killed: the shim stored the sandbox as
 * in flight before its ADD, but never its result, so there is no cached result to DEL from. A shim
 * that restarts undoes these itself; a killed run's shims never restart, so the next start runs
 * their DEL (without a previous result, as the shim would) before host-local's store is checked.
 * Shims hosted in netmark's JVM die with it in the middle of every ADD in flight.
 *
 * @param containerId the sandbox id the ADD was given
 * @param netns the pod's namespace path the ADD was given
 * @param cniArgs {@code CNI_ARGS} as the shim builds them
 * @param pod {@code namespace/name} of the pod
 */
record InterruptedAdd(String containerId, String netns, String cniArgs, String pod) {
  /**
   * The interrupted ADDs in the shim state under {@code nodeDir}, except those whose result was
   * cached (a DEL from the cached result covers them).
   */
  static List<InterruptedAdd> of(Path nodeDir, Set<String> cachedContainerIds) {
    Path stateDir = nodeDir.resolve("shim");
    List<InterruptedAdd> found = new ArrayList<>();
    if (!Files.isDirectory(stateDir)) {
      return found;
    }
    for (AddAttempts a : ShimState.open(stateDir).interruptedAdds()) {
      AddAttempts.InFlight f = a.inFlight();
      if (cachedContainerIds.contains(f.sandbox())) {
        continue;
      }
      CniRequest r =
          CniRequest.of(f.sandbox(), Path.of(f.netns()), f.podNamespace(), f.podName(), a.uid());
      found.add(
          new InterruptedAdd(
              f.sandbox(), f.netns(), r.cniArgs(), f.podNamespace() + "/" + f.podName()));
    }
    return found;
  }
}
