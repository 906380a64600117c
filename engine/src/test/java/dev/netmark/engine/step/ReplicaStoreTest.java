package dev.netmark.engine.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.engine.kube.ObjectRef;
import org.junit.jupiter.api.Test;

class ReplicaStoreTest {
  private final ReplicaStore store = new ReplicaStore();

  @Test
  void scalesUpFillingGapsThenDownFromTheHighestIndex() {
    ReplicaStore.Replicas r = store.of("ns-1", "pod");
    assertThat(r.missingBelow(3)).containsExactly(0, 1, 2);
    r.added(0, "v1", "Pod");
    r.added(2, "v1", "Pod");
    assertThat(r.count()).isEqualTo(2);
    assertThat(r.missingBelow(5)).containsExactly(1, 3, 4);
    for (int i : r.missingBelow(5)) {
      r.added(i, "v1", "Pod");
    }
    assertThat(r.presentFrom(2)).containsExactly(4, 3, 2);
    assertThat(r.presentFrom(0)).containsExactly(4, 3, 2, 1, 0);
    assertThat(r.presentFrom(5)).isEmpty();
    r.removed(4);
    r.removed(3);
    assertThat(r.count()).isEqualTo(3);
    assertThat(r.ref(1)).isEqualTo(new ObjectRef("v1", "Pod", "ns-1", "pod-1"));
  }

  @Test
  void keysAreNamespaceAndBasename() {
    store.of("ns-1", "pod").added(0, "v1", "Pod");
    assertThat(store.of("ns-2", "pod").count()).isZero();
    assertThat(store.of("ns-1", "svc").count()).isZero();
    assertThat(store.of("ns-1", "pod").count()).isEqualTo(1);
  }

  @Test
  void aBasenameKeepsItsKind() {
    ReplicaStore.Replicas r = store.of("ns-1", "x");
    r.added(0, "v1", "Pod");
    assertThatThrownBy(() -> r.checkKind("v1", "Service"))
        .hasMessage(
            "basename 'x' in namespace ns-1 names v1 Pod objects, the template now renders v1"
                + " Service");
  }
}
