package dev.netmark.shim.testing;

import dev.netmark.shim.cri.CriClient;
import dev.netmark.shim.cri.api.ListPodSandboxRequest;
import dev.netmark.shim.cri.api.PodSandbox;

/** Test teardown through a CRI client. */
public final class Sandboxes {
  private Sandboxes() {}

  /** Tears down every sandbox the runtime lists, as kubelet would one by one. */
  public static void stopAndRemoveAll(CriClient cri) {
    cri.runtime().listPodSandbox(ListPodSandboxRequest.getDefaultInstance()).getItemsList().stream()
        .map(PodSandbox::getId)
        .forEach(cri::stopAndRemove);
  }
}
