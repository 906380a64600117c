/**
 * Scheduling of the shim's own threads, so that a busy node delays what the shim learns and never
 * the times it records (docs/design.md, "Scheduling of the shim's threads").
 */
package dev.netmark.shim.sched;
