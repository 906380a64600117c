package dev.netmark.shim.state;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The shim's netperf sandboxes, their containers and pending ADD attempts: in memory for answering
 * kubelet, written through to the state directory on every change, and reloaded by {@link #open}.
 * Thread-safe; changes to one sandbox are serialized.
 */
public final class ShimState {
  private final StateStore store;
  private final Map<String, SandboxEntry> sandboxes = new ConcurrentHashMap<>();
  private final Map<String, String> sandboxOfContainer = new ConcurrentHashMap<>();
  private final Map<String, AddAttempts> attempts = new ConcurrentHashMap<>();

  private ShimState(StateStore store) {
    this.store = store;
  }

  /**
   * Opens {@code dir} (creating it) and loads what an earlier shim left there; files that cannot be
   * read back are quarantined ({@link #quarantinedSandboxes}, {@link #problem}).
   */
  public static ShimState open(Path dir) {
    ShimState state = new ShimState(StateStore.open(dir));
    for (SandboxEntry s : state.store.loadSandboxes()) {
      state.sandboxes.put(s.id(), s);
      s.containers().forEach(c -> state.sandboxOfContainer.put(c.id(), s.id()));
    }
    state.store.loadAttempts().forEach(a -> state.attempts.put(a.uid(), a));
    return state;
  }

  /**
   * The ids of the sandboxes whose files were quarantined at {@link #open}: what the CNI cache and
   * the network namespaces still tell of them is all there is ({@code cri.Recovery}).
   */
  public List<String> quarantinedSandboxes() {
    return store.quarantined().stream()
        .filter(q -> q.file().getFileName().toString().startsWith("sandboxes-"))
        .map(StateStore.Quarantined::key)
        .filter(Ids::isValid)
        .toList();
  }

  /** What was quarantined at {@link #open}, for {@code /healthz}; null when nothing. */
  public String problem() {
    List<StateStore.Quarantined> q = store.quarantined();
    if (q.isEmpty()) {
      return null;
    }
    return "state: "
        + q.size()
        + " unreadable file(s) moved to "
        + q.getFirst().file().getParent()
        + " at start: "
        + String.join(", ", q.stream().map(x -> x.file().getFileName().toString()).toList());
  }

  /** Every sandbox, in no particular order. */
  public Collection<SandboxEntry> sandboxes() {
    return List.copyOf(sandboxes.values());
  }

  /** The sandbox with this id, if the shim owns it. */
  public Optional<SandboxEntry> sandbox(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(sandboxes.get(id));
  }

  /** The sandbox holding container {@code containerId}, if the shim owns it. */
  public Optional<SandboxEntry> sandboxOfContainer(String containerId) {
    return containerId == null
        ? Optional.empty()
        : Optional.ofNullable(sandboxOfContainer.get(containerId)).flatMap(this::sandbox);
  }

  /** The container with this id, if the shim owns it. */
  public Optional<ContainerEntry> container(String containerId) {
    return sandboxOfContainer(containerId)
        .flatMap(s -> s.containers().stream().filter(c -> c.id().equals(containerId)).findFirst());
  }

  /** Stores a new sandbox. */
  public void add(SandboxEntry sandbox) {
    sandboxes.compute(
        sandbox.id(),
        (id, old) -> {
          if (old != null) {
            throw new IllegalStateException("sandbox " + id + " exists already");
          }
          store.save(sandbox);
          return sandbox;
        });
    sandbox.containers().forEach(c -> sandboxOfContainer.put(c.id(), sandbox.id()));
  }

  /**
   * Applies {@code change} to sandbox {@code id} and stores the result.
   *
   * @return the new state, or empty when the sandbox is unknown
   */
  public Optional<SandboxEntry> update(String id, UnaryOperator<SandboxEntry> change) {
    List<ContainerEntry> before = new ArrayList<>();
    SandboxEntry updated =
        sandboxes.computeIfPresent(
            id,
            (key, old) -> {
              SandboxEntry next = change.apply(old);
              if (!next.id().equals(key)) {
                throw new IllegalArgumentException("a sandbox update must keep its id " + key);
              }
              store.save(next);
              before.addAll(old.containers());
              return next;
            });
    if (updated != null) {
      // Only this sandbox's containers can have gone: no scan of every container on the node.
      Set<String> now = new HashSet<>();
      updated.containers().forEach(c -> now.add(c.id()));
      now.forEach(c -> sandboxOfContainer.put(c, id));
      before.stream()
          .map(ContainerEntry::id)
          .filter(c -> !now.contains(c))
          .forEach(c -> sandboxOfContainer.remove(c, id));
    }
    return Optional.ofNullable(updated);
  }

  /** Forgets sandbox {@code id} and its containers; unknown ids are ignored. */
  public void remove(String id) {
    sandboxes.computeIfPresent(
        id,
        (key, old) -> {
          store.deleteSandbox(key);
          old.containers().forEach(c -> sandboxOfContainer.remove(c.id()));
          return null;
        });
  }

  /**
   * Counts the start of an ADD attempt for {@code uid} and stores the count.
   *
   * @return the bookkeeping including this attempt
   */
  public AddAttempts startAttempt(String uid, long nowNanos, long nowWallMs, String bootId) {
    return startAttempt(uid, nowNanos, nowWallMs, bootId, null);
  }

  /**
   * As {@link #startAttempt(String, long, long, String)}, storing the sandbox the attempt creates
   * before anything of it exists, so a restart can undo it ({@link #interruptedAdds}).
   */
  public AddAttempts startAttempt(
      String uid, long nowNanos, long nowWallMs, String bootId, AddAttempts.InFlight inFlight) {
    return attempts.compute(
        uid,
        (key, old) -> {
          AddAttempts next =
              (old == null ? AddAttempts.first(key, nowNanos, nowWallMs, bootId) : old.next())
                  .withInFlight(inFlight);
          store.save(next);
          return next;
        });
  }

  /**
   * Attempts whose sandbox was in flight and never stored: an earlier shim died during their ADD,
   * so a namespace and an address may be left that nobody else will undo.
   */
  public List<AddAttempts> interruptedAdds() {
    return attempts.values().stream()
        .filter(a -> a.inFlight() != null && !sandboxes.containsKey(a.inFlight().sandbox()))
        .toList();
  }

  /** The in-flight sandbox of {@code uid}'s latest attempt was undone: nothing is in flight. */
  public void settleAttempt(String uid) {
    attempts.computeIfPresent(
        uid,
        (key, old) -> {
          AddAttempts next = old.withInFlight(null);
          store.save(next);
          return next;
        });
  }

  /** Forgets the attempts of {@code uid} (its ADD succeeded, or the pod is gone). */
  public void clearAttempts(String uid) {
    attempts.computeIfPresent(
        uid,
        (key, old) -> {
          store.deleteAttempts(key);
          return null;
        });
  }

  /** The pending ADD attempts of {@code uid}, if any. */
  public Optional<AddAttempts> attempts(String uid) {
    return Optional.ofNullable(attempts.get(uid));
  }
}
