package dev.netmark.shim.cni;

import dev.netmark.contract.json.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One ADD, CHECK or DEL of a {@link CniRuntime} for one request, under the container's lock. */
final class Operation {
  private static final Logger LOG = LoggerFactory.getLogger(Operation.class);

  private final CniRuntime runtime;
  private final String command;
  private final CniRequest request;
  private final String network;
  private final String version;
  private final long start = System.nanoTime();

  Operation(CniRuntime runtime, String command, CniRequest request) {
    this.runtime = runtime;
    this.command = command;
    this.request = request;
    this.network = runtime.config().name();
    this.version = runtime.cniVersion();
  }

  TimedAdd add(java.util.function.Consumer<TimedAdd> onChainEnd) {
    KeyedLocks.Handle held = lock();
    try {
      ObjectNode prev = null;
      long chainStart = System.nanoTime();
      long chainEnd = chainStart;
      for (CniPlugin plugin : runtime.config().plugins()) {
        PluginInvoker.Output out = callTimed(plugin, prev);
        // The last plugin's exit as its exchange saw it: the shim dropping its record of the
        // process, closing its pipes and parsing its result come after (docs/design.md).
        chainEnd = out.exitedNanos();
        prev = asResult(plugin, out.stdout());
      }
      TimedAdd timed =
          new TimedAdd(CniResult.parse(Json.write(prev), version), chainStart, chainEnd);
      // Before the fsync'd cache write: what starts here must not wait for the shim's own work.
      onChainEnd.accept(timed);
      try {
        runtime.cache().put(network, request, prev);
      } catch (IOException e) {
        throw fail(CniException.Reason.CACHE, null, "cannot cache the result: " + e, e);
      }
      return timed;
    } finally {
      held.close();
    }
  }

  void check() {
    if (!CniVersions.atLeast(version, "0.4.0")) {
      throw fail(
          CniException.Reason.UNSUPPORTED,
          null,
          "CHECK needs version 0.4.0+, not " + version,
          null);
    }
    if (runtime.config().disableCheck()) {
      return;
    }
    KeyedLocks.Handle held = lock();
    try {
      ObjectNode cached =
          cached()
              .orElseThrow(
                  () ->
                      fail(CniException.Reason.CACHE, null, "no cached ADD result to CHECK", null));
      for (CniPlugin plugin : runtime.config().plugins()) {
        call(plugin, cached);
      }
    } finally {
      held.close();
    }
  }

  void del() {
    KeyedLocks.Handle held = lock();
    try {
      // Cached results on DEL came with 0.4.0; older lists get no prevResult.
      ObjectNode cached = CniVersions.atLeast(version, "0.4.0") ? cachedForDel() : null;
      List<CniPlugin> plugins = runtime.config().plugins();
      for (int i = plugins.size() - 1; i >= 0; i--) {
        call(plugins.get(i), cached);
      }
      try {
        runtime.cache().delete(network, request);
      } catch (IOException e) {
        throw fail(CniException.Reason.CACHE, null, "cannot drop the cached result: " + e, e);
      }
    } finally {
      held.close();
    }
  }

  private String call(CniPlugin plugin, ObjectNode prevResult) {
    return callTimed(plugin, prevResult).stdout();
  }

  private PluginInvoker.Output callTimed(CniPlugin plugin, ObjectNode prevResult) {
    String stdin = NetConfs.build(plugin, network, version, prevResult, request.capabilityArgs());
    try {
      return runtime
          .invoker()
          .runTimed(plugin.binary(), CniEnv.of(command, request, runtime.cniPath()), stdin);
    } catch (PluginFailure f) {
      throw failure(f, command, network, request.containerId(), plugin.type(), start);
    }
  }

  // The result in the list's version, so the next plugin gets a prevResult it can read.
  private ObjectNode asResult(CniPlugin plugin, String out) {
    try {
      ObjectNode result = Json.object(out);
      String own = Json.string(result, "cniVersion", "");
      String from = own == null ? version : own;
      if (!CniVersions.isValid(from)) {
        throw new IllegalArgumentException("cniVersion: not a version: " + from);
      }
      ObjectNode converted =
          from.equals(version) ? result : ResultVersions.convert(result, from, version);
      ResultParser.parse(Json.write(converted), version);
      return converted;
    } catch (IllegalArgumentException e) {
      throw fail(
          CniException.Reason.BAD_OUTPUT,
          plugin.type(),
          "invalid result (" + e.getMessage() + "): " + Json.abbreviate(out, 512),
          e);
    }
  }

  private java.util.Optional<ObjectNode> cached() {
    try {
      return runtime.cache().get(network, request);
    } catch (IOException | IllegalArgumentException e) {
      throw fail(CniException.Reason.CACHE, null, "cannot read the cached result: " + e, e);
    }
  }

  // As libcni: an unreadable entry is dropped and DEL runs without prevResult, or teardown would
  // fail on every retry and leak the namespace and the IP (docs/design.md, "Faults").
  private ObjectNode cachedForDel() {
    try {
      return runtime.cache().get(network, request).orElse(null);
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn(
          "DEL of {}: dropping the unreadable cached result, DEL runs without prevResult: {}",
          request.containerId(),
          e.getMessage());
      try {
        runtime.cache().delete(network, request);
      } catch (IOException gone) {
        LOG.warn("cannot drop {}: {}", runtime.cache().file(network, request), gone.toString());
      }
      return null;
    }
  }

  private KeyedLocks.Handle lock() {
    try {
      return runtime.locks().lock(request.containerId());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail(CniException.Reason.EXEC_FAILED, null, "interrupted waiting for the container", e);
    }
  }

  private CniException fail(
      CniException.Reason reason, String plugin, String msg, Throwable cause) {
    return new CniException(
        reason,
        command,
        network,
        request.containerId(),
        plugin,
        0,
        msg,
        "",
        Duration.ofNanos(System.nanoTime() - start),
        cause);
  }

  static CniException failure(
      PluginFailure f,
      String command,
      String network,
      String containerId,
      String plugin,
      long start) {
    return new CniException(
        f.reason,
        command,
        network,
        containerId,
        plugin,
        f.code,
        f.msg,
        f.details,
        Duration.ofNanos(System.nanoTime() - start),
        f);
  }
}
