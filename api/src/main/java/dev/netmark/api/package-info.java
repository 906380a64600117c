/**
 * What a plugin author sees: the measurement SPI ({@link dev.netmark.api.Measurement}, {@link
 * dev.netmark.api.MeasurementFactory}), where measurements read shim data ({@link
 * dev.netmark.api.MetricSource}), how clusters are provided ({@link
 * dev.netmark.api.ClusterProvider}), and the results they return ({@link dev.netmark.api.Summary}).
 * Everything outside this package may change freely.
 *
 * <p>Factories are found with {@link java.util.ServiceLoader}: a plugin jar lists its factory
 * classes in {@code META-INF/services/dev.netmark.api.MeasurementFactory}.
 */
package dev.netmark.api;
