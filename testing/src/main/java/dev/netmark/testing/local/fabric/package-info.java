/**
 * The emulated network of local mode: {@link dev.netmark.testing.local.fabric.Fabric#create}
 * builds, from a {@link dev.netmark.testing.local.fabric.FabricSpec}, one network namespace per
 * node with its own CNI network (generated bridge + host-local, or the user's conflist template),
 * nodes joined by a bridge in a fabric namespace with routes per pod CIDR, a link from the host, an
 * external target behind the nodes' masquerade, control pods with HTTP and iperf3 servers, and
 * service VIPs DNAT-ed in every node. Everything is named {@code PREFIX-...} and removed by {@link
 * dev.netmark.testing.local.fabric.Fabric#close}.
 */
package dev.netmark.testing.local.fabric;
