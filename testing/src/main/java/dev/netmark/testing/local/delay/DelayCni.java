package dev.netmark.testing.local.delay;

import dev.netmark.testing.local.fabric.CniSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A CNI network whose ADD takes {@code addDelayMs} longer than bridge's and whose pods cannot send
 * anything until {@code holdDownMs} after ADD returned: the {@code netmark-delay} plugin delegating
 * to Debian's bridge + host-local, as a conf dir and a bin dir for local mode ({@code
 * --cni-conf-dir}, {@code --cni-bin-dir}). The plugin is the only one in the chain, so the measured
 * {@code cni_add} is its ADD and nothing else.
 *
 * @param confDir holds {@code 10-delay.conflist}, a template rendered per node
 * @param binDir holds the plugin and links to the real ones
 * @param truthFile where the plugin writes what it did (see {@link DelayTruth})
 */
public record DelayCni(Path confDir, Path binDir, Path truthFile) {
  /** The plugin's file name in {@link #binDir} and its {@code type} in the conflist. */
  public static final String PLUGIN = "netmark-delay";

  /**
   * Installs the plugin and a conflist with the given delays under {@code dir} (created if needed).
   *
   * @throws IllegalArgumentException if a delay is negative or above 999999 ms
   */
  public static DelayCni install(Path dir, int addDelayMs, int holdDownMs) {
    return install(dir, addDelayMs, holdDownMs, 1);
  }

  /**
   * As {@link #install(Path, int, int)}, but the delay applies to about one ADD in {@code oneIn}
   * only (those whose pod UID hashes to a multiple of it): a tail regression rather than a shift.
   *
   * @throws IllegalArgumentException also if {@code oneIn} is below 1
   */
  public static DelayCni install(Path dir, int addDelayMs, int holdDownMs, int oneIn) {
    return install(dir, addDelayMs, holdDownMs, oneIn, false);
  }

  /**
   * A plugin that holds only each pod's answers as a server for {@code holdDownMs} after ADD
   * ({@code holdDownServing}): what the pod sends on connections others opened is dropped, its own
   * traffic passes, so it turns network-ready while no client reaches it.
   */
  public static DelayCni installServingHold(Path dir, int holdDownMs) {
    return install(dir, 0, holdDownMs, 1, true);
  }

  private static DelayCni install(
      Path dir, int addDelayMs, int holdDownMs, int oneIn, boolean serving) {
    if (oneIn < 1 || oneIn > 999_999) {
      throw new IllegalArgumentException(
          PLUGIN + ": addDelayOneIn must be 1..999999, found " + oneIn);
    }
    checkDelay("addDelayMs", addDelayMs);
    checkDelay("holdDownMs", holdDownMs);
    try {
      Path bin = WrapperPlugin.binDir(dir.resolve("bin"), DelayCni.class, PLUGIN);
      Path conf = Files.createDirectories(dir.resolve("conf"));
      Path truth = dir.toAbsolutePath().resolve("truth.jsonl");
      // The plugin appends: a truth file of an earlier install would count that run's ADDs too.
      Files.deleteIfExists(truth);
      Files.writeString(
          conf.resolve("10-delay.conflist"),
          conflist(addDelayMs, holdDownMs, oneIn, serving, truth));
      return new DelayCni(conf, bin, truth);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install " + PLUGIN + " under " + dir, e);
    }
  }

  /** The conflist template: placeholders are filled per node by local mode. */
  static String conflist(
      int addDelayMs, int holdDownMs, int oneIn, boolean serving, Path truthFile) {
    return """
        {
          "cniVersion": "1.0.0",
          "name": "delay-pods",
          "plugins": [
            {
              "type": "%s",
              "delegate": "bridge",
              "addDelayMs": %d,
              "addDelayOneIn": %d,
              "holdDownMs": %d,
              "holdDownServing": %b,
              "truthFile": "%s",
              "bridge": "delay-br",
              "isGateway": true,
              "ipMasq": false,
              "hairpinMode": true,
              "ipam": {
                "type": "host-local",
                "ranges": [[{"subnet": "${podCidr}", "gateway": "${gateway}"}]],
                "routes": [{"dst": "0.0.0.0/0"}],
                "dataDir": "${ipamDataDir}"
              }
            }
          ]
        }
        """
        .formatted(PLUGIN, addDelayMs, oneIn, holdDownMs, serving, truthFile);
  }

  private static void checkDelay(String key, int ms) {
    if (ms < 0 || ms > 999_999) {
      throw new IllegalArgumentException(
          PLUGIN + ": " + key + " must be 0..999999 ms, found " + ms);
    }
  }

  /** For a {@link dev.netmark.testing.local.LocalClusterSpec}. */
  public CniSetup cniSetup() {
    return CniSetup.userTemplate(confDir, binDir);
  }

  /** The {@code netmark run} options that give a local cluster this network. */
  public List<String> runOptions() {
    return List.of("--cni-conf-dir", confDir.toString(), "--cni-bin-dir", binDir.toString());
  }

  /** What the plugin recorded so far. */
  public DelayTruth truth() {
    return DelayTruth.read(truthFile);
  }
}
