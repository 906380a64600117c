package dev.netmark.shim.cni;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a {@link CniConfig} for containers: ADD in order with chained {@code prevResult}, CHECK, DEL
 * in reverse order with the cached result, as libcni does.
 *
 * <p>Thread-safe: operations on different container ids run in parallel; operations on one
 * container id are serialized. Each plugin call has a timeout after which the plugin and its
 * children are killed, and its stdout is bounded. The version is negotiated when the runtime is
 * built (every plugin is asked with VERSION), so an unusable configuration fails at start-up. Close
 * it to end the helper threads of {@link Builder#hostNetns}.
 */
public final class CniRuntime implements AutoCloseable {
  private final CniConfig config;
  private final String cniPath;
  private final ResultCache cache;
  private final PluginInvoker invoker;
  private final ProcessStarter starter;
  private final KeyedLocks locks = new KeyedLocks();
  private final String version;

  private CniRuntime(Builder b) {
    this.config = b.config;
    this.cniPath = CniConfig.cniPath(b.binDirs);
    this.cache = new ResultCache(b.resultCacheDir);
    this.starter = b.hostNetns == null ? ProcessStarter.direct() : ProcessStarter.in(b.hostNetns);
    this.invoker =
        new PluginInvoker(
            b.pluginTimeout, b.maxOutputBytes, starter, b.runningPlugins, b.hostEnvironment);
    try {
      this.version = negotiate(b.versionProbe);
    } catch (RuntimeException e) {
      starter.close();
      throw e;
    }
  }

  /** Starts building a runtime for {@code config}; plugins are looked up in {@code binDirs}. */
  public static Builder builder(CniConfig config, List<Path> binDirs) {
    return new Builder(config, binDirs);
  }

  /** The configuration this runtime runs. */
  public CniConfig config() {
    return config;
  }

  /** The negotiated version every plugin receives as {@code cniVersion}. */
  public String cniVersion() {
    return version;
  }

  /**
   * Runs ADD through the whole list and caches the final result. Nothing is undone on failure: like
   * containerd, call {@link #del} before trying again.
   *
   * @throws CniException naming the failing plugin with its code, message and the elapsed time
   */
  public CniResult add(CniRequest request) {
    return addTimed(request).result();
  }

  /** {@link #add}, with the span of the plugin chain, which is what {@code cni_add} measures. */
  public TimedAdd addTimed(CniRequest request) {
    return addTimed(request, done -> {});
  }

  /**
   * {@link #addTimed(CniRequest)}, calling {@code onChainEnd} the moment the last plugin has
   * exited, before its result is read and cached (the ADD can still fail there: a result that is
   * not valid, or a cache that cannot be written). It runs on the CNI thread with the container's
   * lock held: it must not block.
   */
  public TimedAdd addTimed(CniRequest request, java.util.function.Consumer<ChainSpan> onChainEnd) {
    return PlatformThreads.call(() -> new Operation(this, "ADD", request).add(onChainEnd));
  }

  /**
   * Runs CHECK through the list with the cached result (versions 0.4.0 and later; a list with
   * {@code disableCheck} returns at once).
   *
   * @throws CniException if a plugin reports a problem, there is no cached result, or the version
   *     has no CHECK
   */
  public void check(CniRequest request) {
    PlatformThreads.call(
        () -> {
          new Operation(this, "CHECK", request).check();
          return null;
        });
  }

  /**
   * Runs DEL through the list in reverse order (with the cached result as {@code prevResult} for
   * 0.4.0 and later, if there is one) and then drops the cache entry. Idempotent: deleting twice,
   * or deleting what was never added, succeeds as far as the plugins allow (they must).
   *
   * @throws CniException naming the failing plugin
   */
  public void del(CniRequest request) {
    PlatformThreads.call(
        () -> {
          new Operation(this, "DEL", request).del();
          return null;
        });
  }

  /** The cached ADD result of {@code request}'s container and interface, if any. */
  public Optional<CniResult> cachedResult(CniRequest request) {
    try {
      return cache.get(config.name(), request).map(r -> ResultParser.parse(r, version));
    } catch (IOException | IllegalArgumentException e) {
      throw new CniException(
          CniException.Reason.CACHE,
          "READ",
          config.name(),
          request.containerId(),
          null,
          0,
          e.getMessage(),
          "",
          Duration.ZERO,
          e);
    }
  }

  @Override
  public void close() {
    starter.close();
  }

  ResultCache cache() {
    return cache;
  }

  PluginInvoker invoker() {
    return invoker;
  }

  KeyedLocks locks() {
    return locks;
  }

  String cniPath() {
    return cniPath;
  }

  private String negotiate(VersionProbe probe) {
    long start = System.nanoTime();
    Map<String, List<String>> supported = new LinkedHashMap<>();
    for (CniPlugin plugin : config.plugins()) {
      try {
        supported.put(
            plugin.type(), probe.supported(plugin, config.cniVersion(), invoker, cniPath));
      } catch (PluginFailure f) {
        throw Operation.failure(f, "VERSION", config.name(), "", plugin.type(), start);
      }
    }
    try {
      return VersionNegotiation.choose(config, supported);
    } catch (IllegalArgumentException e) {
      throw new CniException(
          CniException.Reason.UNSUPPORTED,
          "VERSION",
          config.name(),
          "",
          null,
          1,
          e.getMessage(),
          config.source().toString(),
          Duration.ofNanos(System.nanoTime() - start),
          e);
    }
  }

  /** Options of a {@link CniRuntime}. */
  public static final class Builder {
    private final CniConfig config;
    private final List<Path> binDirs;
    private Path resultCacheDir;
    private Duration pluginTimeout = Duration.ofSeconds(30);
    private int maxOutputBytes = 1 << 20;
    private Path hostNetns;
    private VersionProbe versionProbe = new VersionProbe();
    private RunningPlugins runningPlugins = RunningPlugins.none();
    private Map<String, String> hostEnvironment = Map.of();

    private Builder(CniConfig config, List<Path> binDirs) {
      this.config = Objects.requireNonNull(config, "config");
      this.binDirs = List.copyOf(binDirs);
    }

    /** Required: where final ADD results are kept (e.g. {@code STATE_DIR/cni-results}). */
    public Builder resultCacheDir(Path dir) {
      this.resultCacheDir = dir;
      return this;
    }

    /** Limit for one plugin call; default 30 s. */
    public Builder pluginTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("plugin timeout must be positive, got " + timeout);
      }
      this.pluginTimeout = timeout;
      return this;
    }

    /** Limit for one plugin's stdout; default 1 MiB. */
    public Builder maxOutputBytes(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("output bound must be at least 1024 bytes: " + bytes);
      }
      this.maxOutputBytes = bytes;
      return this;
    }

    /**
     * Runs plugins inside this network namespace instead of the caller's (tests and emulated nodes:
     * the plugins' bridges, veths and iptables rules then live there).
     */
    public Builder hostNetns(Path netns) {
      this.hostNetns = netns;
      return this;
    }

    /**
     * Records every plugin process while it runs, so a shim that restarts after being killed ends
     * those its predecessor left ({@link RunningPlugins#open}); default: no records.
     */
    public Builder runningPlugins(RunningPlugins running) {
      this.runningPlugins = Objects.requireNonNull(running, "running");
      return this;
    }

    /**
     * Variables every plugin gets beside the shim's own environment (a shim hosted in another
     * program's JVM passes those its own process would carry); default none.
     */
    public Builder hostEnvironment(Map<String, String> vars) {
      this.hostEnvironment = Map.copyOf(vars);
      return this;
    }

    /** Shares VERSION answers between runtimes (e.g. after a configuration reload). */
    Builder versionProbe(VersionProbe probe) {
      this.versionProbe = probe;
      return this;
    }

    /**
     * Builds the runtime and negotiates the version.
     *
     * @throws CniException if a plugin cannot answer VERSION or no common version exists
     */
    public CniRuntime build() {
      Objects.requireNonNull(resultCacheDir, "resultCacheDir");
      return new CniRuntime(this);
    }
  }
}
