/**
 * What a netmark shim writes and what measurements read: the per-pod event records served on {@code
 * /records} and the Prometheus metric names on {@code /metrics}. Both sides depend on this package
 * and on nothing of each other, so it stays small and free of behaviour.
 */
package dev.netmark.contract;
