/**
 * Direct invocation of the node's CNI network configuration, following the CNI specification
 * (0.3.x, 0.4.0, 1.0.0 and 1.1.0 configurations) the way libcni and containerd do.
 *
 * <p>Entry points: {@link dev.netmark.shim.cni.CniConfig#load} reads and validates the first
 * configuration of a directory; {@link dev.netmark.shim.cni.CniRuntime} runs ADD, CHECK and DEL of
 * that list for one container at a time and caches the final ADD result; failures are {@link
 * dev.netmark.shim.cni.CniException}s carrying the plugin's code and message.
 */
package dev.netmark.shim.cni;
