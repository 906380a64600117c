package dev.netmark.mockapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Closing watches while events stream to them must not block the server's event loop: fabric8's
 * mock used to stall every request for 30 s then (see {@link DetachedCloseListener}). Vert.x's
 * blocked-thread checker reports an event loop blocked for over 2 s; the test fails on any report.
 */
class WatchCloseTest {
  // Strongly referenced: JUL keeps loggers weakly, and the handler must outlive this method.
  private static final Logger BLOCKED_CHECKER =
      Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker");
  private static final int WATCHES = 20;
  private static final int WRITERS = 4;
  private static final int EVENTS_BEFORE_CLOSE = 50;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES) // without the repair the mock never shuts down
  void eventLoopNeverBlocksWhileWatchesCloseWithEventsInFlight() throws Exception {
    List<String> blocked = new CopyOnWriteArrayList<>();
    Handler report =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            blocked.add(r.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    BLOCKED_CHECKER.addHandler(report);
    try (MockApiServer api = MockApiServer.start();
        KubernetesClient kube = client(api);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger written = new AtomicInteger();
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < WRITERS; t++) {
        running.add(writers.submit(() -> write(kube, written, done)));
      }
      try {
        for (int w = 0; w < WATCHES; w++) {
          AtomicInteger seen = new AtomicInteger();
          Watch watch = kube.configMaps().inNamespace("default").watch(counting(seen));
          while (seen.get() < EVENTS_BEFORE_CLOSE) {
            Thread.sleep(1);
          }
          watch.close();
        }
      } finally {
        done.set(true);
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      BLOCKED_CHECKER.removeHandler(report);
    }
    assertThat(blocked).as("event loop blocked").isEmpty();
  }

  // A create can still time out now and then (a reply the mock loses, not a blocked loop): the
  // writers only keep events flowing, so they carry on.
  private static Void write(KubernetesClient kube, AtomicInteger written, AtomicBoolean done) {
    while (!done.get()) {
      try {
        kube.resource(configMap("cm-" + written.getAndIncrement())).create();
      } catch (KubernetesClientException e) {
        if (!(e.getCause() instanceof IOException)) {
          throw e;
        }
      }
    }
    return null;
  }

  private static KubernetesClient client(MockApiServer api) {
    Config config = Config.fromKubeconfig(api.kubeconfig());
    config.setRequestTimeout(10_000);
    config.setRequestRetryBackoffLimit(0);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static ConfigMap configMap(String name) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .addToData("k", "v")
        .build();
  }

  private static Watcher<ConfigMap> counting(AtomicInteger seen) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
        seen.incrementAndGet();
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }
}
