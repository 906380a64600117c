package dev.netmark.engine.config;

import dev.netmark.api.Params;

/**
 * A named tuning set, e.g. {@code {name: Uniform, qpsLoad: {qps: 20}}}.
 *
 * @param name referenced by phases
 * @param kind {@code qpsLoad}, {@code randomizedLoad}, ...
 * @param params the kind's parameters
 * @param path config path with source location, e.g. {@code tuningSets[0] (test.yaml:9)}
 */
public record TuningSetSpec(String name, String kind, Params params, String path) {}
