package dev.netmark.testing.local.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sizing the shared neighbour table: raised for the nodes, never lowered, restored at teardown. */
class NeighbourTableTest {
  @TempDir Path dir;

  private void limits(int t1, int t2, int t3) throws Exception {
    Files.writeString(dir.resolve("gc_thresh1"), t1 + "\n");
    Files.writeString(dir.resolve("gc_thresh2"), t2 + "\n");
    Files.writeString(dir.resolve("gc_thresh3"), t3 + "\n");
  }

  private int read(String name) throws Exception {
    return Integer.parseInt(Files.readString(dir.resolve(name)).strip());
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
    Teardown teardown = new Teardown();
    NeighbourTable.size(dir, 30, teardown);
    assertThat(read("gc_thresh1")).isEqualTo(128);
    assertThat(read("gc_thresh2")).isEqualTo(14_266);
    assertThat(read("gc_thresh3")).isEqualTo(28_532);
    teardown.runAll();
    assertThat(read("gc_thresh2")).isEqualTo(512);
    assertThat(read("gc_thresh3")).isEqualTo(1024);
  }

  @Test
  void largerLimitsAreLeftAlone() throws Exception {
    limits(80_000, 90_000, 100_000);
    Teardown teardown = new Teardown();
    NeighbourTable.size(dir, 30, teardown);
    assertThat(read("gc_thresh2")).isEqualTo(90_000);
    assertThat(read("gc_thresh3")).isEqualTo(100_000);
  }

  @Test
  void unreadableLimitsAreAWarningNotAFailure() throws Exception {
    NeighbourTable.size(dir.resolve("missing"), 30, new Teardown());
  }
}
