package dev.netmark.shim.cri;

import dev.netmark.shim.records.PodRef;
import java.util.HashMap;
import java.util.Map;

/** Every route of the shim, for the netperf pods of one node. */
final class NetperfRoutes {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(NetperfRoutes.class);

  private NetperfRoutes() {}

  static Map<String, UnaryRoute> of(NetperfNode node, java.nio.file.Path upstream) {
    Recovery.endInterruptedTraffic(node);
    ImageRefs images = new ImageRefs();
    node.state().sandboxes().stream()
        .flatMap(s -> s.containers().stream())
        .forEach(c -> images.remember(c.imageRef(), c.image()));
    SandboxTeardown teardown = new SandboxTeardown(node);
    Recovery.undoInterruptedAdds(
        node.state(),
        (attempts, cni, netns) -> {
          try {
            node.recorder()
                .addFailed(
                    new PodRef(cni.podNamespace(), cni.podName(), attempts.uid()),
                    attempts.attempts(),
                    Recovery.INTERRUPTED);
          } catch (RuntimeException unrecorded) {
            // A full disk: the undo matters more than its record.
            LOG.warn(
                "cannot record the interrupted ADD of {}: {}",
                cni.containerId(),
                unrecorded.toString());
          }
          teardown.undoFailedAdd(cni, netns);
        });
    Map<String, UnaryRoute> routes = new HashMap<>();
    new SandboxRoutes(node, new SandboxService(node, teardown), teardown, upstream).addTo(routes);
    new ContainerRoutes(node, new ContainerService(node, images), upstream).addTo(routes);
    new ExecRoutes(node).addTo(routes);
    new StatsRoutes(node).addTo(routes);
    new ImageRoutes(images).addTo(routes);
    return routes;
  }
}
