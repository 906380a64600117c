package dev.netmark.shim.cni;

import dev.netmark.contract.json.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
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

  TimedAdd add(Consumer<ChainSpan> onChainEnd) {
    KeyedLocks.Handle held = lock();
    try {
      List<CniPlugin> plugins = runtime.config().plugins();
      ObjectNode prev = null;
      long chainStart = System.nanoTime();
      for (CniPlugin plugin : plugins.subList(0, plugins.size() - 1)) {
        prev = asResult(plugin, callTimed(plugin, prev, PluginInvoker.NO_HOOK).stdout()).tree();
      }
      ChainEnd end = new ChainEnd(plugins.getLast(), chainStart, onChainEnd);
      callTimed(plugins.getLast(), prev, end);
      try {
        runtime.cache().put(network, request, end.tree);
      } catch (IOException e) {
        throw fail(CniException.Reason.CACHE, null, "cannot cache the result: " + e, e);
      }
      return end.timed;
    } finally {
      held.close();
    }
  }

  /**
   * The last plugin's output, taken the moment it has exited: the chain's span is handed on first,
   * then the result is parsed, all before the shim drops its record of the process, closes its
   * pipes and caches the result, so what starts there (the probes) waits for none of the shim's own
   * work (docs/design.md).
   */
  private final class ChainEnd implements Consumer<PluginInvoker.Output> {
    private final CniPlugin last;
    private final long chainStart;
    private final Consumer<ChainSpan> onChainEnd;
    private ObjectNode tree;
    private TimedAdd timed;

    ChainEnd(CniPlugin last, long chainStart, Consumer<ChainSpan> onChainEnd) {
      this.last = last;
      this.chainStart = chainStart;
      this.onChainEnd = onChainEnd;
    }

    @Override
    public void accept(PluginInvoker.Output out) {
      // cni_add ends at the last plugin's exit as its exchange saw it.
      ChainSpan span = new ChainSpan(chainStart, out.exitedNanos());
      onChainEnd.accept(span);
      Parsed parsed = asResult(last, out.stdout());
      tree = parsed.tree();
      timed = new TimedAdd(parsed.result(), span);
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
    return callTimed(plugin, prevResult, PluginInvoker.NO_HOOK).stdout();
  }

  private PluginInvoker.Output callTimed(
      CniPlugin plugin, ObjectNode prevResult, Consumer<PluginInvoker.Output> onExited) {
    String stdin = NetConfs.build(plugin, network, version, prevResult, request.capabilityArgs());
    try {
      return runtime
          .invoker()
          .runTimed(
              plugin.binary(), CniEnv.of(command, request, runtime.cniPath()), stdin, onExited);
    } catch (PluginFailure f) {
      throw failure(f, command, network, request.containerId(), plugin.type(), start);
    }
  }

  /** A plugin's result in the list's version: the tree for the next plugin, and parsed. */
  private record Parsed(ObjectNode tree, CniResult result) {}

  // The result in the list's version, so the next plugin gets a prevResult it can read.
  private Parsed asResult(CniPlugin plugin, String out) {
    try {
      ObjectNode result = Json.object(out);
      String own = Json.string(result, "cniVersion", "");
      String from = own == null ? version : own;
      if (!CniVersions.isValid(from)) {
        throw new IllegalArgumentException("cniVersion: not a version: " + from);
      }
      ObjectNode converted =
          from.equals(version) ? result : ResultVersions.convert(result, from, version);
      return new Parsed(converted, ResultParser.parse(converted, version));
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
