package dev.netmark.testing.local.fabric;

import dev.netmark.testing.local.host.Exec;
import dev.netmark.testing.local.host.HostException;
import dev.netmark.testing.local.host.Netns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs CNI DEL for every ADD result still cached in a run's state directory: the shims' pods and
 * the fabric's own, each with its node's rendered conflist, inside the node's namespace (an empty
 * one made for the purpose when the node is gone). At teardown this catches pods whose shim never
 * got a StopPodSandbox; at the next start, everything a killed run left, including the ADDs its
 * shims were in the middle of ({@link InterruptedAdd}). Without it, host-local keeps the addresses
 * and the next ADD fails with "duplicate allocation".
 */
final class CachedDels {
  /** The file in the run directory naming the plugin directory the run used. */
  static final String BIN_DIR_FILE = "cni-bin-dir";

  /**
   * What was run.
   *
   * @param done one line per DEL that succeeded
   * @param failed one line per DEL that failed, with the plugin's error
   */
  record Outcome(List<String> done, List<String> failed) {
    boolean isEmpty() {
      return done.isEmpty() && failed.isEmpty();
    }

    /** Every line, failures first. */
    List<String> lines() {
      List<String> all = new ArrayList<>(failed);
      all.addAll(done);
      return all;
    }
  }

  private CachedDels() {}

  /**
   * Runs DEL for every cached result under {@code runDir}; an entry is deleted once its DEL
   * succeeded.
   *
   * @param fallbackBinDir the plugins to use when the run did not record its own
   */
  static Outcome run(Path runDir, String prefix, Path fallbackBinDir) throws InterruptedException {
    return run(runDir, prefix, fallbackBinDir, false);
  }

  /**
   * As {@link #run}, for what a killed run left: also the DEL of every ADD its shims were in the
   * middle of.
   */
  static Outcome runAfterKill(Path runDir, String prefix, Path fallbackBinDir)
      throws InterruptedException {
    return run(runDir, prefix, fallbackBinDir, true);
  }

  private static Outcome run(Path runDir, String prefix, Path fallbackBinDir, boolean interrupted)
      throws InterruptedException {
    List<String> done = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    if (!Files.isDirectory(runDir)) {
      return new Outcome(done, failed);
    }
    CniRunner runner = new CniRunner(binDir(runDir, fallbackBinDir), prefix);
    for (Path nodeDir : nodeDirs(runDir, prefix)) {
      String node = nodeDir.getFileName().toString();
      List<CniCache> entries = new ArrayList<>();
      CniCache.dirs(nodeDir).forEach(d -> entries.addAll(CniCache.read(d)));
      List<InterruptedAdd> adds =
          interrupted
              ? InterruptedAdd.of(
                  nodeDir, entries.stream().map(CniCache::containerId).collect(Collectors.toSet()))
              : List.of();
      if (entries.isEmpty() && adds.isEmpty()) {
        continue;
      }
      CniNetwork net = network(nodeDir.resolve("net.d"));
      boolean madeNetns = !Files.exists(Netns.path(node));
      if (madeNetns) {
        Exec.check("ip", "netns", "add", node);
      }
      try {
        for (CniCache e : entries) {
          String what = "CNI DEL of " + e.pod() + " (container " + e.containerId() + ") on " + node;
          try {
            runner.del(net, node, e);
            e.delete();
            done.add(what);
          } catch (HostException ex) {
            failed.add(what + " failed: " + ex.getMessage());
          }
        }
        for (InterruptedAdd a : adds) {
          String what =
              "CNI DEL of "
                  + a.pod()
                  + " (container "
                  + a.containerId()
                  + ", its ADD interrupted) on "
                  + node;
          try {
            runner.del(net, node, a);
            done.add(what);
          } catch (HostException ex) {
            failed.add(what + " failed: " + ex.getMessage());
          }
        }
      } finally {
        if (madeNetns) {
          Exec.check("ip", "netns", "del", node);
        }
      }
    }
    return new Outcome(done, failed);
  }

  /** Records {@code binDir} in the run directory for a later {@link #run} of a killed run. */
  static void recordBinDir(Path runDir, Path binDir) throws IOException {
    Files.createDirectories(runDir);
    Files.writeString(runDir.resolve(BIN_DIR_FILE), binDir + "\n");
  }

  private static Path binDir(Path runDir, Path fallback) {
    try {
      Path f = runDir.resolve(BIN_DIR_FILE);
      return Files.exists(f) ? Path.of(Files.readString(f).strip()) : fallback;
    } catch (IOException e) {
      return fallback; // unreadable: the run was killed while writing it
    }
  }

  private static List<Path> nodeDirs(Path runDir, String prefix) {
    try (Stream<Path> dirs = Files.list(runDir)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith(prefix + "-node"))
          .filter(d -> Files.isDirectory(d.resolve("net.d")))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new HostException("cannot list " + runDir + ": " + e.getMessage(), e);
    }
  }

  private static CniNetwork network(Path confDir) {
    Path file = CniNetwork.firstConf(confDir);
    try {
      return CniNetwork.parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new HostException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
