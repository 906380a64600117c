package dev.netmark.testing.local;

import dev.netmark.contract.ProbeTargets;
import dev.netmark.testing.local.fabric.FabricSpec;
import dev.netmark.testing.local.host.MachineSnapshot;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Shared pieces of local-mode tests. Each test class uses its own prefix and address ranges, so it
 * neither clashes with other helpers' runs nor sees their namespaces in its snapshots.
 */
public final class Clusters {
  public static final Path STATE = Path.of("/run/netmark-local");

  private Clusters() {}

  /**
   * A fabric spec with prefix {@code prefix} and ranges {@code 10.B.0.0/16}, B from {@code base}.
   */
  public static FabricSpec.Builder fabric(String prefix, int base, int nodes) {
    return FabricSpec.builder()
        .prefix(prefix)
        .nodes(nodes)
        .clusterCidr("10." + base + ".0.0/16")
        .linkCidr("10." + (base + 1) + ".0.0/16")
        .serviceCidr("10." + (base + 2) + ".0.0/16")
        .externalCidr("10." + (base + 3) + ".0.0/24");
  }

  /** The machine state a run with {@code prefix} and ranges from {@code base} can touch. */
  public static MachineSnapshot snapshot(String prefix, int base) throws InterruptedException {
    return snapshot(prefix, base, base + 1, base + 2, base + 3);
  }

  /** The second octets of {@code spec}'s cluster, link, service and external ranges. */
  public static int[] secondOctets(FabricSpec spec) {
    return Stream.of(spec.clusterCidr(), spec.linkCidr(), spec.serviceCidr(), spec.externalCidr())
        .mapToInt(c -> Integer.parseInt(c.toString().split("\\.")[1]))
        .toArray();
  }

  /**
   * The machine state a run with {@code prefix} and addresses in {@code 10.O.0.0/16}, O from {@code
   * secondOctets}, can touch. Only lines naming this prefix exactly: the integration tests run two
   * at a time, and a prefix may begin another's ({@code nml}, {@code nmlc}).
   */
  public static MachineSnapshot snapshot(String prefix, int... secondOctets)
      throws InterruptedException {
    String ranges =
        ".*\\b10\\.("
            + String.join("|", Arrays.stream(secondOctets).mapToObj(String::valueOf).toList())
            + ")\\..*";
    String stateDir = ".*/" + Pattern.quote(prefix) + "(/.*)?";
    return MachineSnapshot.take(STATE)
        .filter(
            l ->
                l.contains(prefix + "-")
                    || l.contains(prefix.toUpperCase() + "-")
                    || l.contains(" " + prefix + " ")
                    || l.matches(ranges)
                    || l.matches(stateDir));
  }

  /** {@link ControlPlane#deploy}, waiting up to 60 s. */
  public static ProbeTargets deployControlPlane(KubernetesClient kube, LocalCluster c)
      throws InterruptedException {
    return ControlPlane.deploy(kube, c, Duration.ofSeconds(60));
  }

  public static boolean running(Pod p) {
    return p != null
        && p.getStatus() != null
        && "Running".equals(p.getStatus().getPhase())
        && p.getStatus().getPodIP() != null;
  }

  /**
   * A user CNI configuration in {@code tmp}: {@code conf/} with the conflist resource {@code
   * conflist}, {@code bin/} with the executable plugin resource {@code plugin} (both relative to
   * {@code owner}) beside links to Debian's bridge, host-local, portmap and loopback.
   *
   * @return {@code conf/} and {@code bin/}, for {@link dev.netmark.testing.local.fabric.CniSetup}
   *     or {@code --cni-conf-dir}/{@code --cni-bin-dir}
   */
  public static Path[] userCni(Path tmp, Class<?> owner, String plugin, String conflist)
      throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path conf = Files.createDirectories(tmp.resolve("conf"));
    Path pluginFile = bin.resolve(Path.of(plugin).getFileName());
    copy(owner, plugin, pluginFile);
    Files.setPosixFilePermissions(pluginFile, PosixFilePermissions.fromString("rwxr-xr-x"));
    copy(owner, conflist, conf.resolve(Path.of(conflist).getFileName()));
    for (String real : List.of("bridge", "host-local", "portmap", "loopback")) {
      Files.createSymbolicLink(bin.resolve(real), Path.of("/usr/lib/cni", real));
    }
    return new Path[] {conf, bin};
  }

  private static void copy(Class<?> owner, String resource, Path to) throws IOException {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no resource " + resource + " beside " + owner.getName());
      }
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Polls a pod until {@code done} holds. */
  public static Pod await(
      KubernetesClient kube, String ns, String name, Predicate<Pod> done, Duration timeout)
      throws InterruptedException {
    return awaitValue(
        () -> {
          Pod p = kube.pods().inNamespace(ns).withName(name).get();
          return done.test(p) ? p : null;
        },
        timeout);
  }

  /** Polls until {@code value} is neither null nor empty. */
  public static <T> T awaitValue(java.util.function.Supplier<T> value, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<RuntimeException> last = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      try {
        T v = value.get();
        if (v != null && !"".equals(v)) {
          return v;
        }
      } catch (RuntimeException e) {
        last.add(e);
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "not there within " + timeout + (last.isEmpty() ? "" : ": " + last.getLast()));
  }
}
