/**
 * Known latency injected into a real CNI network, to check netmark's numbers against a truth:
 * {@link dev.netmark.testing.local.delay.DelayCni} installs the {@code netmark-delay} plugin (a
 * wrapper around Debian's bridge) with its conflist template, and {@link
 * dev.netmark.testing.local.delay.DelayTruth} reads what the plugin recorded it did to every pod.
 */
package dev.netmark.testing.local.delay;
