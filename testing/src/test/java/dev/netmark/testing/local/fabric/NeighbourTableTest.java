package dev.netmark.testing.local.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sizing the shared neighbour table: raised for the live runs' nodes, never below the host's own
 * limits, back to them when the last run goes, whatever order overlapping runs end in.
 */
class NeighbourTableTest {
  @TempDir Path sysctls;
  @TempDir Path state;

  private void limits(int t1, int t2, int t3) throws Exception {
    Files.writeString(sysctls.resolve("gc_thresh1"), t1 + "\n");
    Files.writeString(sysctls.resolve("gc_thresh2"), t2 + "\n");
    Files.writeString(sysctls.resolve("gc_thresh3"), t3 + "\n");
  }

  private int read(String name) throws Exception {
    return Integer.parseInt(Files.readString(sysctls.resolve(name)).strip());
  }

  private Teardown run(String prefix, int nodes) {
    Teardown teardown = new Teardown();
    NeighbourTable.size(claims(), sysctls, prefix, nodes, teardown);
    return teardown;
  }

  private NeighbourClaims claims() {
    return new NeighbourClaims(state, () -> NeighbourTable.current(sysctls));
  }

  private void assertLimits(int soft, int hard) throws Exception {
    assertThat(read("gc_thresh2")).isEqualTo(soft);
    assertThat(read("gc_thresh3")).isEqualTo(hard);
  }

  @Test
  void thirtyNodesNeedFarMoreThanTheKernelDefault() {
    // 30 x (142 + 220 + 112 + 1) + 16: what overflowed the default 1024 at 30 x 10 pods.
    assertThat(NeighbourTable.entriesFor(30)).isEqualTo(14_266);
    assertThat(NeighbourTable.entriesFor(3)).isEqualTo(1_360);
  }

  @Test
  void raisedForTheRunAndRestoredAtTeardown() throws Exception {
    limits(128, 512, 1024);
    Teardown teardown = run("nml", 30);
    assertThat(read("gc_thresh1")).isEqualTo(128);
    assertLimits(14_266, 28_532);
    teardown.runAll();
    assertLimits(512, 1024);
    assertThat(state.resolve("host")).doesNotExist();
  }

  @Test
  void theFirstRunToEndLeavesWhatTheOtherStillNeeds() throws Exception {
    limits(128, 512, 1024);
    Teardown big = run("big", 30);
    Teardown small = run("small", 3);
    assertLimits(14_266, 28_532);

    big.runAll();
    assertLimits(1_360, 2_720); // the small run's need, not the host's 512

    small.runAll();
    assertLimits(512, 1024);
  }

  @Test
  void aLaterLargerRunIsNotUndoneByTheEarlierOnesEnd() throws Exception {
    limits(128, 512, 1024);
    Teardown small = run("small", 3);
    Teardown big = run("big", 30);
    small.runAll();
    assertLimits(14_266, 28_532);
    big.runAll();
    // The host's own limits, not the small run's raised ones that the big run saw at its start.
    assertLimits(512, 1024);
  }

  @Test
  void aClaimOfAProcessThatIsGoneHoldsNothing() throws Exception {
    limits(128, 512, 1024);
    // What a run killed with SIGKILL leaves: its claim, and the limits it raised.
    Files.createDirectories(state.resolve("claims"));
    Files.writeString(state.resolve("claims").resolve("killed"), "999999999 0 14266\n");
    Files.writeString(state.resolve("host"), "512 1024\n");
    limits(128, 14_266, 28_532);

    Teardown next = run("next", 3);
    assertLimits(1_360, 2_720);
    assertThat(state.resolve("claims").resolve("killed")).doesNotExist();
    next.runAll();
    assertLimits(512, 1024);
  }

  @Test
  void largerLimitsAreLeftAlone() throws Exception {
    limits(80_000, 90_000, 100_000);
    Teardown teardown = run("nml", 30);
    assertLimits(90_000, 100_000);
    teardown.runAll();
    assertLimits(90_000, 100_000);
  }

  @Test
  void unreadableLimitsAreAWarningNotAFailure() throws Exception {
    NeighbourTable.size(claims(), sysctls.resolve("missing"), "nml", 30, new Teardown());
  }
}
