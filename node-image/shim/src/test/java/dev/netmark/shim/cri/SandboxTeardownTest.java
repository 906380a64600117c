package dev.netmark.shim.cri;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.netmark.shim.app.AppRunner;
import dev.netmark.shim.cni.NodeCni;
import dev.netmark.shim.metrics.PodRecorder;
import dev.netmark.shim.netns.NetNamespaces;
import dev.netmark.shim.probe.Prober;
import dev.netmark.shim.state.PodIdentity;
import dev.netmark.shim.state.SandboxEntry;
import dev.netmark.shim.state.ShimState;
import dev.netmark.shim.traffic.TrafficRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * StopPodSandbox when the DEL record cannot be written (a full disk; a shim killed at that point is
 * the same case): the sandbox must stay unstopped, so kubelet's retry runs DEL again and writes the
 * record. The state used to say the network was gone before the record was written, and the retry
 * returned at once with the record lost.
 */
class SandboxTeardownTest {
  private static final String ID = "dd".repeat(32);

  @Test
  void aDelRecordThatCannotBeWrittenLeavesTheSandboxForTheRetryToRecord() throws Exception {
    ShimState state = mock(ShimState.class);
    when(state.sandbox(ID)).thenReturn(Optional.of(entry()));
    PodRecorder recorder = mock(PodRecorder.class);
    when(recorder.deleted(any(), any(), anyInt(), any()))
        .thenThrow(new UncheckedIOException(new IOException("No space left on device")))
        .thenReturn(null);
    SandboxTeardown teardown =
        new SandboxTeardown(
            new NetperfNode(
                state,
                mock(NodeCni.class, RETURNS_DEEP_STUBS),
                mock(NetNamespaces.class),
                "netmark-",
                recorder,
                mock(Prober.class),
                mock(TrafficRunner.class),
                mock(AppRunner.class)));

    assertThatThrownBy(() -> teardown.stop(ID)).isInstanceOf(UncheckedIOException.class);
    verify(state, never()).update(eq(ID), any());

    teardown.stop(ID);
    verify(recorder, times(2)).deleted(any(), eq("10.201.0.9"), eq(1), any());
    verify(state).update(eq(ID), any());
  }

  private static SandboxEntry entry() {
    return new SandboxEntry(
        ID,
        new PodIdentity("ns1", "pod-a", "uid-a", 0),
        Map.of(),
        Map.of(),
        "",
        1,
        "/run/netns/netmark-" + ID.substring(0, 16),
        "10.201.0.9",
        "{}",
        Map.of(),
        1,
        true,
        false,
        List.of());
  }
}
