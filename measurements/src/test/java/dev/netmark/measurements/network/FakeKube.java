package dev.netmark.measurements.network;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.dsl.AnyNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.time.Instant;
import java.util.List;

/**
 * A client whose pod list (for one label selector) is fixed, with the exact UIDs and creation times
 * the recorded events refer to; fabric8's mock server assigns its own on create. The real list +
 * watch path is tested against the mock server in {@link PodDirectoryTest}.
 */
final class FakeKube {
  private FakeKube() {}

  @SuppressWarnings("unchecked") // mocks of fabric8's generic DSL interfaces
  static KubernetesClient listing(String selector, Pod... pods) {
    KubernetesClient kube = mock(KubernetesClient.class);
    MixedOperation<Pod, PodList, PodResource> all = mock(MixedOperation.class);
    AnyNamespaceOperation<Pod, PodList, PodResource> anyNamespace =
        mock(AnyNamespaceOperation.class);
    FilterWatchListDeletable<Pod, PodList, PodResource> filtered =
        mock(FilterWatchListDeletable.class);
    when(kube.pods()).thenReturn(all);
    when(all.inAnyNamespace()).thenReturn(anyNamespace);
    // Any other selector gets null and fails the test: the selector passed must be this one.
    when(anyNamespace.withLabelSelector(selector)).thenReturn(filtered);
    when(filtered.list())
        .thenReturn(
            new PodListBuilder()
                .withNewMetadata()
                .withResourceVersion("7")
                .endMetadata()
                .withItems(List.of(pods))
                .build());
    when(filtered.watch(any(ListOptions.class), any(Watcher.class))).thenReturn(mock(Watch.class));
    return kube;
  }

  static Pod pod(String namespace, String name, String uid, long createdMs) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withUid(uid)
        .withCreationTimestamp(Instant.ofEpochMilli(createdMs).toString())
        .endMetadata()
        .build();
  }
}
