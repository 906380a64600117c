package dev.netmark.engine.cli;

import dev.netmark.api.Measurement;
import dev.netmark.api.MeasurementContext;
import dev.netmark.api.MeasurementFactory;
import dev.netmark.api.NetmarkException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code AwaitRunning {action: wait}}: blocks until the end-to-end test's kubelet stand-in has
 * marked every pod running, so the gather after it sees them all. Loaded from a plugin jar the test
 * writes, which also proves {@code --plugin-dir}.
 */
public class AwaitRunningFactory implements MeasurementFactory {
  static volatile CountDownLatch running = new CountDownLatch(0);

  @Override
  public String method() {
    return "AwaitRunning";
  }

  @Override
  public Measurement create(MeasurementContext context) {
    return params -> {
      if (!running.await(60, TimeUnit.SECONDS)) {
        throw new NetmarkException(running.getCount() + " pods were never marked running");
      }
      return List.of();
    };
  }
}
