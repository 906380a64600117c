package dev.netmark.bench.faults;

import dev.netmark.testing.local.delay.WrapperPlugin;
import dev.netmark.testing.local.fabric.CniSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The soak's CNI network: the {@code netmark-faulty} plugin in front of Debian's bridge +
 * host-local, which makes a share of the ADDs hang past the shim's plugin timeout, crash, print
 * garbage or run slow ({@link Rates}), and logs each fault it injects.
 *
 * @param confDir holds {@code 10-faulty.conflist}, a template rendered per node by local mode
 * @param binDir holds the plugin and links to the real ones
 * @param faultLog one line per fault injected: {@code FAULT CONTAINER_ID POD_UID}
 */
record FaultyCni(Path confDir, Path binDir, Path faultLog) {
  static final String PLUGIN = "netmark-faulty";

  /** Thousandths of the ADDs that get each fault; the rest succeed at once. */
  record Rates(int hang, int crash, int garbage, int slow) {
    Rates {
      if (hang < 0
          || crash < 0
          || garbage < 0
          || slow < 0
          || hang + crash + garbage + slow > 1000) {
        throw new IllegalArgumentException("fault rates are thousandths summing to at most 1000");
      }
    }
  }

  static FaultyCni install(Path dir, Rates rates) {
    try {
      Path bin = WrapperPlugin.binDir(dir.resolve("bin"), FaultyCni.class, PLUGIN);
      Path conf = Files.createDirectories(dir.resolve("conf"));
      Path log = dir.toAbsolutePath().resolve("faults.log");
      Files.writeString(conf.resolve("10-faulty.conflist"), conflist(rates, log));
      return new FaultyCni(conf, bin, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install " + PLUGIN + " under " + dir, e);
    }
  }

  private static String conflist(Rates r, Path log) {
    return """
        {
          "cniVersion": "1.0.0",
          "name": "faulty-pods",
          "plugins": [
            {
              "type": "%s",
              "delegate": "bridge",
              "hangPerMille": %d,
              "crashPerMille": %d,
              "garbagePerMille": %d,
              "slowPerMille": %d,
              "faultLog": "%s",
              "bridge": "faulty-br",
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
        .formatted(PLUGIN, r.hang(), r.crash(), r.garbage(), r.slow(), log);
  }

  CniSetup cniSetup() {
    return CniSetup.userTemplate(confDir, binDir);
  }

  /** How many faults of each kind the plugin injected so far. */
  Map<String, Integer> injected() {
    Map<String, Integer> n = new TreeMap<>();
    try {
      if (Files.exists(faultLog)) {
        for (String line : Files.readAllLines(faultLog)) {
          n.merge(line.split(" ", 2)[0], 1, Integer::sum);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + faultLog, e);
    }
    return n;
  }
}
