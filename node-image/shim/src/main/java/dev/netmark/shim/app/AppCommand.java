package dev.netmark.shim.app;

/**
 * A netperf container's application command, as parsed by {@link AppParser}: what the pod serves or
 * which tier it calls (docs/design.md, "Application models").
 */
public sealed interface AppCommand permits ServeCommand, CallCommand {}
