package dev.netmark.shim.cri;

import java.util.HashMap;
import java.util.Map;

/** Every route of the shim, for the netperf pods of one node. */
final class NetperfRoutes {
  private NetperfRoutes() {}

  static Map<String, UnaryRoute> of(NetperfNode node) {
    Recovery.endInterruptedTraffic(node);
    ImageRefs images = new ImageRefs();
    node.state().sandboxes().stream()
        .flatMap(s -> s.containers().stream())
        .forEach(c -> images.remember(c.imageRef(), c.image()));
    SandboxTeardown teardown = new SandboxTeardown(node);
    Recovery.undoInterruptedAdds(node.state(), teardown::undoFailedAdd);
    Map<String, UnaryRoute> routes = new HashMap<>();
    new SandboxRoutes(node, new SandboxService(node, teardown), teardown).addTo(routes);
    new ContainerRoutes(node, new ContainerService(node, images)).addTo(routes);
    new ExecRoutes(node).addTo(routes);
    new StatsRoutes(node).addTo(routes);
    new ImageRoutes(images).addTo(routes);
    return routes;
  }
}
