package dev.netmark.shim.app;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class AppRunnerLoopTest {
  @Test
  void aShimWithoutApplicationPodsHasNoAppLoop() {
    try (AppRunner apps = new AppRunner(null, null, null)) {
      assertFalse(apps.started());
      assertFalse(
          Thread.getAllStackTraces().keySet().stream()
              .anyMatch(t -> t.getName().equals(AppRunner.LOOP_NAME)),
          "no " + AppRunner.LOOP_NAME + " thread before the first run");
    }
  }
}
