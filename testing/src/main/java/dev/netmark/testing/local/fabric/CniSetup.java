package dev.netmark.testing.local.fabric;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which CNI network every node runs.
 *
 * <p>By default ({@link #defaultBridge()}) each node gets a generated conflist: {@code bridge} with
 * {@code host-local} IPAM on the node's pod CIDR, then {@code portmap}; {@code loopback} sets up
 * {@code lo} of every pod, run apart from the conflist as containerd does.
 *
 * <p>With {@link #userTemplate} the first {@code *.conflist}, {@code *.conf} or {@code *.json} file
 * of {@code confDir} (by name, as libcni picks) is a template rendered per node. These placeholders
 * are replaced: {@code ${nodeName}}, {@code ${podCidr}}, {@code ${gateway}} (first address of the
 * pod CIDR), {@code ${nodeIp}}, {@code ${clusterCidr}}, {@code ${prefix}}, {@code ${ipamDataDir}}
 * (a per-node directory for host-local, removed at teardown) and {@code ${podLan}} (a master device
 * for macvlan or ipvlan, made only when named, see {@link Topology#podLan}). A conflist without
 * placeholders runs unchanged on every node, but its host-local ranges must lie inside each node's
 * pod CIDR ({@link ConfPreflight}). Another {@code ${...}} is an error naming the file.
 *
 * @param confDir the user's conf dir, or null for the generated bridge network
 * @param binDir where the plugins are
 * @param resetIpam release the addresses another run left in the network's host-local store ({@code
 *     --cni-reset-ipam}) instead of refusing to start
 */
public record CniSetup(Path confDir, Path binDir, boolean resetIpam) {
  public CniSetup {
    Objects.requireNonNull(binDir, "binDir");
  }

  public CniSetup(Path confDir, Path binDir) {
    this(confDir, binDir, false);
  }

  /** This setup with {@code --cni-reset-ipam} on or off. */
  public CniSetup withResetIpam(boolean reset) {
    return new CniSetup(confDir, binDir, reset);
  }

  /** bridge + host-local + portmap (+ loopback) from Debian's {@code /usr/lib/cni}. */
  public static CniSetup defaultBridge() {
    return new CniSetup(null, Path.of("/usr/lib/cni"));
  }

  /** The user's conflist template ({@code --cni-conf-dir}) and plugins ({@code --cni-bin-dir}). */
  public static CniSetup userTemplate(Path confDir, Path binDir) {
    return new CniSetup(Objects.requireNonNull(confDir, "confDir"), binDir);
  }

  public boolean generated() {
    return confDir == null;
  }
}
