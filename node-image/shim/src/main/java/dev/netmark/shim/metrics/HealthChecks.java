package dev.netmark.shim.metrics;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * What {@code /healthz} reports: a failure (503: the shim cannot do its job) or degradations (200
 * with one line each: it serves CRI, but something works only in part, docs/design.md "Faults").
 * Each check returns null while all is well. Thread-safe.
 */
public final class HealthChecks {
  private final List<Supplier<String>> degradations = new CopyOnWriteArrayList<>();
  private volatile Supplier<String> failure = () -> null;

  /** Reports {@code check}'s text as a degradation whenever it is not null. */
  public HealthChecks degradedWhen(Supplier<String> check) {
    degradations.add(Objects.requireNonNull(check, "check"));
    return this;
  }

  /** Answers 503 with {@code check}'s text whenever it is not null. */
  public HealthChecks failWhen(Supplier<String> check) {
    failure = Objects.requireNonNull(check, "check");
    return this;
  }

  String failure() {
    return failure.get();
  }

  List<String> degradations() {
    return degradations.stream().map(Supplier::get).filter(Objects::nonNull).toList();
  }
}
