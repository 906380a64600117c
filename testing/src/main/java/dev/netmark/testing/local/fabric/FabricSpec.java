package dev.netmark.testing.local.fabric;

import dev.netmark.testing.local.host.Cidr;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What emulated network to build: N nodes, each a network namespace with its own pod CIDR and CNI
 * network, joined by a fabric bridge; a control service VIP; an external target outside the
 * cluster. Build one with {@link #builder()}; every field has a default.
 *
 * @param prefix names of every namespace, host link and state directory start with {@code PREFIX-};
 *     lowercase letters and digits, at most 10, so host link names stay within 15
 * @param nodes how many nodes
 * @param clusterCidr all pod CIDRs; node {@code i} (1-based) gets its {@code i}-th subnet
 * @param nodeCidrPrefix prefix length of each node's pod CIDR (kube-controller-manager's {@code
 *     --node-cidr-mask-size})
 * @param linkCidr the subnet the nodes, the host and the fabric router share
 * @param serviceCidr where service VIPs come from
 * @param externalCidr the external target's subnet, outside the cluster
 * @param cni which CNI network each node runs
 * @param stateRoot parent of the run's state directory ({@code STATE_ROOT/PREFIX})
 */
public record FabricSpec(
    String prefix,
    int nodes,
    Cidr clusterCidr,
    int nodeCidrPrefix,
    Cidr linkCidr,
    Cidr serviceCidr,
    Cidr externalCidr,
    CniSetup cni,
    Path stateRoot) {
  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{0,9}");

  public FabricSpec {
    Objects.requireNonNull(cni, "cni");
    Objects.requireNonNull(stateRoot, "stateRoot");
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "prefix '"
              + prefix
              + "' must be 1 to 10 lowercase letters or digits, starting with a letter");
    }
    if (nodes < 1) {
      throw new IllegalArgumentException("nodes must be at least 1, not " + nodes);
    }
  }

  /** A builder with the defaults: prefix nml, 3 nodes, addresses inside 10.240.0.0/12. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The VIP {@link Fabric#publishService} uses by default: the 10th address of the service CIDR.
   */
  public String defaultServiceVip() {
    return dev.netmark.testing.local.host.Ipv4.format(serviceCidr.address(10));
  }

  /** Builds a {@link FabricSpec}; unset fields keep their defaults. */
  public static final class Builder {
    private String prefix = "nml";
    private int nodes = 3;
    private Cidr clusterCidr = Cidr.parse("10.240.0.0/16");
    private int nodeCidrPrefix = 24;
    private Cidr linkCidr = Cidr.parse("10.241.0.0/16");
    private Cidr serviceCidr = Cidr.parse("10.250.0.0/16");
    private Cidr externalCidr = Cidr.parse("10.251.0.0/24");
    private CniSetup cni = CniSetup.defaultBridge();
    private Path stateRoot = Path.of("/run/netmark-local");

    private Builder() {}

    public Builder prefix(String v) {
      prefix = v;
      return this;
    }

    public Builder nodes(int v) {
      nodes = v;
      return this;
    }

    public Builder clusterCidr(String v) {
      clusterCidr = Cidr.parse(v);
      return this;
    }

    public Builder nodeCidrPrefix(int v) {
      nodeCidrPrefix = v;
      return this;
    }

    public Builder linkCidr(String v) {
      linkCidr = Cidr.parse(v);
      return this;
    }

    public Builder serviceCidr(String v) {
      serviceCidr = Cidr.parse(v);
      return this;
    }

    public Builder externalCidr(String v) {
      externalCidr = Cidr.parse(v);
      return this;
    }

    public Builder cni(CniSetup v) {
      cni = v;
      return this;
    }

    public Builder stateRoot(Path v) {
      stateRoot = v;
      return this;
    }

    public FabricSpec build() {
      return new FabricSpec(
          prefix,
          nodes,
          clusterCidr,
          nodeCidrPrefix,
          linkCidr,
          serviceCidr,
          externalCidr,
          cni,
          stateRoot);
    }
  }
}
