package dev.netmark.testing.local.controllers;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The endpoints controller's and kube-proxy's view of services: for every TCP port of every service
 * with a cluster IP and a selector, the {@code ip:targetPort} of the ready pods it selects.
 */
final class Endpoints {
  private Endpoints() {}

  /** Endpoints by {@code vip:port}, sorted so two computations compare equal. */
  static Map<String, List<String>> of(Collection<Service> services, Collection<Pod> pods) {
    Map<String, List<String>> all = new TreeMap<>();
    for (Service s : services) {
      String vip = s.getSpec() == null ? null : s.getSpec().getClusterIP();
      Map<String, String> selector = s.getSpec() == null ? null : s.getSpec().getSelector();
      if (vip == null
          || vip.isEmpty()
          || vip.equals("None")
          || selector == null
          || selector.isEmpty()) {
        continue;
      }
      List<Pod> selected =
          pods.stream()
              .filter(p -> p.getMetadata().getNamespace().equals(s.getMetadata().getNamespace()))
              .filter(
                  p ->
                      p.getMetadata().getLabels() != null
                          && p.getMetadata()
                              .getLabels()
                              .entrySet()
                              .containsAll(selector.entrySet()))
              .filter(Endpoints::ready)
              .toList();
      for (ServicePort port : s.getSpec().getPorts()) {
        if (port.getProtocol() != null && !port.getProtocol().equals("TCP")) {
          continue; // the fabric DNATs TCP only, as local mode's probes and traffic need
        }
        List<String> eps = new ArrayList<>();
        for (Pod p : selected) {
          Integer target = targetPort(port, p);
          if (target != null) {
            eps.add(p.getStatus().getPodIP() + ":" + target);
          }
        }
        eps.sort(null);
        all.put(vip + ":" + port.getPort(), eps);
      }
    }
    return all;
  }

  /** A pod that kube-proxy would send traffic to: Ready, with an IP, not being deleted. */
  static boolean ready(Pod p) {
    return p.getMetadata().getDeletionTimestamp() == null
        && p.getStatus() != null
        && p.getStatus().getPodIP() != null
        && p.getStatus().getConditions() != null
        && p.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** The port's target on {@code pod}: a number, a named container port, or the port itself. */
  static Integer targetPort(ServicePort port, Pod pod) {
    var t = port.getTargetPort();
    if (t == null) {
      return port.getPort();
    }
    if (t.getIntVal() != null) {
      return t.getIntVal();
    }
    for (var c : pod.getSpec().getContainers()) {
      for (ContainerPort cp : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
        if (t.getStrVal().equals(cp.getName())) {
          return cp.getContainerPort();
        }
      }
    }
    return null;
  }
}
