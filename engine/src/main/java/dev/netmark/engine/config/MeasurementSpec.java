package dev.netmark.engine.config;

import dev.netmark.api.Params;

/**
 * One measurement action of a step.
 *
 * @param identifier with {@code method}, the key of the measurement instance
 * @param method the measurement method, e.g. {@code NetworkReadyLatency}
 * @param params the params, including {@code action}
 * @param path config path with source location
 */
public record MeasurementSpec(String identifier, String method, Params params, String path) {}
