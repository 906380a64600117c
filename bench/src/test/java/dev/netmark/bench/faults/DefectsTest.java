package dev.netmark.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The soak's count of records lost and pods left silent, from a node's records. */
class DefectsTest {
  private final List<PodEvent> events = new ArrayList<>();

  private void record(String node, String uid, EventKind kind) {
    long seq = events.stream().filter(e -> e.node().equals(node)).count();
    events.add(new PodEvent(seq, kind, node, "soak", uid, uid, null, 1, 0, null, null, null));
  }

  @Test
  void aPodThatWentThroughIsNoDefect() {
    record("n1", "a", EventKind.ADD_FAILED);
    record("n1", "a", EventKind.ADD);
    record("n1", "a", EventKind.NETWORK_READY);
    record("n1", "a", EventKind.DEL);
    record("n1", "b", EventKind.ADD_FAILED); // deleted before any ADD succeeded: nothing to DEL
    record("n1", "c", EventKind.ADD);
    record("n1", "c", EventKind.PROBE_FAILED);
    record("n1", "c", EventKind.DEL_FAILED); // recorded; whether it leaked is the leak counts' job
    Map<String, String> created = Map.of("a", "pod-a", "b", "pod-b", "c", "pod-c");

    assertThat(Defects.recordsLost(created, events)).isEmpty();
    assertThat(Defects.unprobed(created, events)).isEmpty();
  }

  @Test
  void missingAddDelAndProbeRecordsAreDefects() {
    record("n1", "a", EventKind.ADD);
    record("n1", "a", EventKind.NETWORK_READY);
    record("n1", "c", EventKind.ADD);
    record("n1", "c", EventKind.DEL);
    Map<String, String> created = Map.of("a", "pod-a", "b", "pod-b", "c", "pod-c");

    assertThat(Defects.recordsLost(created, events))
        .containsExactlyInAnyOrder(
            "pod-a: 1 ADD but 0 DEL records", "pod-b: no ADD or ADD_FAILED record");
    assertThat(Defects.unprobed(created, events))
        .containsExactly("pod-c: ADD, then neither NETWORK_READY nor PROBE_FAILED");
  }

  @Test
  void eachSeqMissingFromANodesLogIsARecordLost() {
    record("n1", "a", EventKind.ADD_FAILED);
    record("n1", "a", EventKind.ADD_FAILED);
    record("n2", "b", EventKind.ADD_FAILED);
    record("n2", "b", EventKind.ADD_FAILED);
    record("n2", "b", EventKind.ADD_FAILED);
    events.add(events.removeLast().withSeq(4)); // seqs 2 and 3 of n2 never arrived
    events.remove(3); // nor its seq 1
    events.removeFirst(); // nor seq 0 of n1

    assertThat(Defects.recordsLost(Map.of(), events))
        .containsExactly(
            "n1: seq 0 missing", "n2: seq 1 missing", "n2: seq 2 missing", "n2: seq 3 missing");
  }

  @Test
  void theTotalCountsEveryEntryOfEveryKind() {
    Defects d = new Defects();
    d.add(Defects.NETNS, List.of("nfs-node1-abc"));
    d.add(Defects.IPS, List.of("10.174.1.5", "10.174.1.6"));
    d.add(Defects.SHIMS, List.of("nfs-node2: /healthz did not answer 200"));

    assertThat(d.total()).isEqualTo(4);
    assertThat(d.counts())
        .containsEntry(Defects.IPS, 2)
        .containsEntry(Defects.RECORDS, 0)
        .hasSize(7);
    assertThat(d.lines(1))
        .containsExactly(
            "leaked netns: nfs-node1-abc",
            "leaked host-local IPs: 10.174.1.5",
            "leaked host-local IPs: ... and 1 more",
            "shims not back: nfs-node2: /healthz did not answer 200");
  }
}
