/**
 * The netmark shim: a CRI proxy on each node that answers netperf pods itself (real CNI, readiness
 * probes, traffic) and forwards everything else to containerd.
 *
 * <p>Entry points: {@link dev.netmark.shim.ShimMain} (the command line) and {@link
 * dev.netmark.shim.Shim#start} (an instance in-process, for the local mode and tests).
 */
package dev.netmark.shim;
