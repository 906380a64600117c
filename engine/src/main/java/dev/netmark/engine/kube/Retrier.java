package dev.netmark.engine.kube;

import dev.netmark.engine.clock.Ticker;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;

/**
 * Runs one API call about one object, retrying throttling (429), server errors (5xx) and connection
 * errors with {@link RetryPolicy} backoff, and turning final failures into {@link
 * KubeObjectException}s that name the object. Each delay is jittered to between half and all of the
 * policy's, so that many clients failing together do not come back together.
 */
public final class Retrier {
  /** How a failure is handled. */
  public enum Outcome {
    RETRY,
    CONFLICT,
    NOT_FOUND,
    FAIL
  }

  private final RetryPolicy policy;
  private final Ticker ticker;
  private final DoubleSupplier random;

  public Retrier(RetryPolicy policy, Ticker ticker) {
    this(policy, ticker, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * @param random values in [0, 1] that pick each delay between half and all of the policy's
   */
  Retrier(RetryPolicy policy, Ticker ticker, DoubleSupplier random) {
    this.policy = policy;
    this.ticker = ticker;
    this.random = random;
  }

  /**
   * Calls {@code call} until it succeeds, fails for good or the policy's attempts run out.
   *
   * @param what the operation for messages, e.g. {@code create}
   * @throws KubeObjectException naming {@code object} when the call failed for good
   */
  public <T> T call(ObjectRef object, String what, Callable<T> call) throws InterruptedException {
    KubeObjectException previous = null;
    for (int attempt = 1; ; attempt++) {
      try {
        return call.call();
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        if (e instanceof InterruptedIOException || Thread.currentThread().isInterrupted()) {
          Thread.interrupted();
          throw new InterruptedException(what + " " + object + " interrupted");
        }
        Outcome outcome = classify(e);
        int status = status(e);
        KubeObjectException failure =
            new KubeObjectException(status, object, message(what, outcome, attempt, e), e);
        if (previous != null) {
          failure.addSuppressed(previous);
        }
        if (outcome != Outcome.RETRY || attempt >= policy.maxAttempts()) {
          throw failure;
        }
        previous = failure;
        ticker.sleepUntil(ticker.nanoTime() + delay(attempt, e).toNanos());
      }
    }
  }

  /** Whether a failure is worth retrying, or which permanent failure it is. */
  public static Outcome classify(Throwable e) {
    int status = status(e);
    if (status == 409) {
      return Outcome.CONFLICT;
    }
    if (status == 404) {
      return Outcome.NOT_FOUND;
    }
    if (status == 429 || (status >= 500 && status != 501)) {
      return Outcome.RETRY;
    }
    if (status <= 0 && hasCause(e, IOException.class, TimeoutException.class)) {
      return Outcome.RETRY;
    }
    return Outcome.FAIL;
  }

  /** The HTTP status of a failed call, 0 when the server gave none. */
  public static int status(Throwable e) {
    return e instanceof KubernetesClientException k && k.getCode() > 0 ? k.getCode() : 0;
  }

  private Duration delay(int attempt, Exception e) {
    Duration full = policy.delayAfter(attempt);
    Duration backoff =
        full.dividedBy(2)
            .plus(Duration.ofNanos((long) (full.toNanos() / 2.0 * random.getAsDouble())));
    // A throttling API server says how long to wait; never come back sooner than that.
    if (e instanceof KubernetesClientException k
        && k.getStatus() != null
        && k.getStatus().getDetails() != null
        && k.getStatus().getDetails().getRetryAfterSeconds() != null) {
      Duration after = Duration.ofSeconds(k.getStatus().getDetails().getRetryAfterSeconds());
      return after.compareTo(backoff) > 0 && after.compareTo(policy.maxDelay()) <= 0
          ? after
          : backoff;
    }
    return backoff;
  }

  private static String message(String what, Outcome outcome, int attempt, Exception e) {
    String reason = e.getMessage() != null ? e.getMessage() : e.toString();
    return switch (outcome) {
      case CONFLICT -> what + " failed: already exists or was changed meanwhile: " + reason;
      case NOT_FOUND -> what + " failed: not found: " + reason;
      case RETRY -> what + " failed after " + attempt + " attempts: " + reason;
      case FAIL -> what + " failed: " + reason;
    };
  }

  @SafeVarargs
  private static boolean hasCause(Throwable e, Class<? extends Throwable>... types) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (Class<? extends Throwable> type : types) {
        if (type.isInstance(t)) {
          return true;
        }
      }
    }
    return false;
  }
}
