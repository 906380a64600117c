package dev.netmark.shim.cni;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's CNI runtime, made from the configuration directory when a pod first needs it. A CNI
 * installed by a DaemonSet (Calico, Cilium) writes its configuration only after kubelet runs that
 * DaemonSet's pod, which needs the shim already serving; so the shim starts without one, as
 * containerd does, and an ADD before the configuration exists fails like any other and is retried
 * by kubelet. Once loaded, the configuration is kept for the shim's life (the chain of pods already
 * added must stay the chain they are deleted with).
 */
public final class NodeCni implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeCni.class);

  private final Path confDir;
  private final List<Path> binDirs;
  private final Function<CniConfig, CniRuntime> build;
  private CniRuntime runtime;

  /**
   * @param build makes the runtime of a loaded configuration (cache dir, timeouts, host netns)
   */
  public NodeCni(Path confDir, List<Path> binDirs, Function<CniConfig, CniRuntime> build) {
    this.confDir = confDir;
    this.binDirs = List.copyOf(binDirs);
    this.build = build;
  }

  /** A node whose runtime is already made (tests, and callers that need no lazy load). */
  public static NodeCni of(CniRuntime runtime) {
    NodeCni cni = new NodeCni(Path.of(""), List.of(), c -> runtime);
    cni.runtime = runtime;
    return cni;
  }

  /**
   * The runtime, loading the configuration if this is the first call since it appeared.
   *
   * @throws CniException (reason {@link CniException.Reason#CONFIG}) naming the directory and the
   *     problem while there is no usable configuration
   */
  public synchronized CniRuntime runtime() {
    if (runtime == null) {
      CniConfig config;
      try {
        config = CniConfig.load(confDir, binDirs);
      } catch (CniConfigException e) {
        throw new CniException(
            CniException.Reason.CONFIG,
            "ADD",
            "",
            "",
            null,
            0,
            "no usable CNI configuration: " + e.getMessage(),
            confDir.toString(),
            Duration.ZERO,
            e);
      }
      runtime = build.apply(config);
      LOG.info(
          "CNI network {} ({} plugins, version {}) from {}",
          config.name(),
          config.plugins().size(),
          runtime.cniVersion(),
          config.source());
    }
    return runtime;
  }

  /** Whether the configuration has been loaded. */
  public synchronized boolean loaded() {
    return runtime != null;
  }

  @Override
  public synchronized void close() {
    if (runtime != null) {
      runtime.close();
    }
  }
}
