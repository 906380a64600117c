package dev.netmark.shim.app;

import java.time.Duration;

/**
 * {@code netmark-call EDGE PROTOCOL TARGET --rate R [--size BYTES] [--duration D] [--timeout T]}.
 *
 * @param edge {@code <client tier>-><server tier>}
 * @param protocol {@code http}, {@code tcp} or {@code icmp}
 * @param via {@code service} for {@code $(SERVICE:tier)}, {@code pod} for {@code $(POD:tier)}
 * @param tier the server tier the target names
 * @param rate requests per second, 0.1 to 1,000
 * @param sizeBytes the HTTP request body (a POST when above 0), the TCP payload or the ICMP echo
 *     data size
 * @param duration how long to call from network-ready; zero: until the pod stops
 * @param timeout how long a request may take before it fails with {@code timeout}
 */
public record CallCommand(
    String edge,
    String protocol,
    String via,
    String tier,
    double rate,
    int sizeBytes,
    Duration duration,
    Duration timeout)
    implements AppCommand {}
