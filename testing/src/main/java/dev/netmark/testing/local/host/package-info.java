/**
 * The machine local mode runs on: start-up checks ({@link
 * dev.netmark.testing.local.host.Preflight}), cleaning what a killed run left behind ({@link
 * dev.netmark.testing.local.host.Leftovers}), before/after comparisons for tests ({@link
 * dev.netmark.testing.local.host.MachineSnapshot}), and the small tools the fabric is built with:
 * running commands without a shell ({@link dev.netmark.testing.local.host.Exec}), entering network
 * namespaces ({@link dev.netmark.testing.local.host.Netns}) and IPv4 CIDR arithmetic ({@link
 * dev.netmark.testing.local.host.Cidr}).
 */
package dev.netmark.testing.local.host;
