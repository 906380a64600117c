package dev.netmark.testing.local.kubelet;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kubelet's {@code FailedCreatePodSandBox} events of one pod: one Event per distinct message, its
 * {@code count} raised at every repeat, as kubelet's event recorder aggregates them. The engine's
 * control-plane step reads them to give up on a pod that keeps failing with the same error.
 */
final class FailureEvents {
  private static final Logger LOG = LoggerFactory.getLogger(FailureEvents.class);
  static final String REASON = "FailedCreatePodSandBox";

  private final NodeContext ctx;
  private final Pod pod;
  private final Map<String, Integer> counts = new HashMap<>();
  private final Map<String, String> firstSeen = new HashMap<>();

  FailureEvents(NodeContext ctx, Pod pod) {
    this.ctx = ctx;
    this.pod = pod;
  }

  /** Records one more failure with {@code message}. */
  void failed(String message) {
    String msg = message == null ? "(no message)" : message;
    int count = counts.merge(msg, 1, Integer::sum);
    String now = Instant.now().toString();
    String first = firstSeen.computeIfAbsent(msg, m -> now);
    var meta = pod.getMetadata();
    Event e =
        new EventBuilder()
            .withNewMetadata()
            .withNamespace(meta.getNamespace())
            .withName(meta.getName() + "." + Integer.toHexString(msg.hashCode()))
            .endMetadata()
            .withNewInvolvedObject()
            .withKind("Pod")
            .withApiVersion("v1")
            .withNamespace(meta.getNamespace())
            .withName(meta.getName())
            .withUid(meta.getUid())
            .endInvolvedObject()
            .withType("Warning")
            .withReason(REASON)
            .withMessage(msg)
            .withCount(count)
            .withFirstTimestamp(first)
            .withLastTimestamp(now)
            .withNewSource()
            .withComponent("kubelet")
            .withHost(ctx.node())
            .endSource()
            .build();
    try {
      ctx.kube().v1().events().resource(e).createOr(NonDeletingOperation::update);
    } catch (KubernetesClientException ex) {
      // An event is a report, not part of the pod's life: a lost one costs only the early stop.
      LOG.debug("event for {} not written: {}", meta.getName(), ex.getMessage());
    }
  }
}
