/**
 * What the shim knows about its netperf pods — sandboxes, their containers, the CNI result of each
 * ADD, ADD attempts per pod UID — kept in memory and persisted under the state directory so a
 * restarted shim carries on where the previous one stopped.
 *
 * <p>Entry point: {@link dev.netmark.shim.state.ShimState#open}.
 */
package dev.netmark.shim.state;
