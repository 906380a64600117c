package dev.netmark.engine.measurement;

/**
 * Marks a factory whose measurements read the shims' events from the start of the run ({@link
 * EngineMeasurementContext#runStart()}), such as {@code WaitForNetworkReady}, which has no {@code
 * start} action of its own: when a config uses one, the engine asks every shim where its record log
 * ends before the test creates its first namespace.
 */
public interface ReadsFromRunStart {}
