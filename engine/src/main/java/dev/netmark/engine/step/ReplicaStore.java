package dev.netmark.engine.step;

import dev.netmark.engine.kube.ObjectRef;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the engine created per (namespace, basename), so that a later phase scales up, down or to
 * zero. Compact: one bit per index plus the kind, since objects are named {@code
 * <basename>-<index>}.
 */
final class ReplicaStore {
  private final Map<String, Replicas> byKey = new ConcurrentHashMap<>();

  /** The replicas of {@code basename} in {@code namespace}, created empty on first use. */
  Replicas of(String namespace, String basename) {
    return byKey.computeIfAbsent(
        namespace + "/" + basename, k -> new Replicas(namespace, basename));
  }

  /** The objects of one basename in one namespace. Thread-safe. */
  static final class Replicas {
    private final String namespace;
    private final String basename;
    private final BitSet present = new BitSet();
    private String apiVersion;
    private String kind;

    Replicas(String namespace, String basename) {
      this.namespace = namespace;
      this.basename = basename;
    }

    /** The object name of one index. */
    String name(int index) {
      return basename + "-" + index;
    }

    synchronized int count() {
      return present.cardinality();
    }

    /** Indexes below {@code target} that have no object, ascending. */
    synchronized List<Integer> missingBelow(int target) {
      List<Integer> out = new ArrayList<>();
      for (int i = present.nextClearBit(0); i < target; i = present.nextClearBit(i + 1)) {
        out.add(i);
      }
      return out;
    }

    /** Indexes at or above {@code target} that have an object, highest first. */
    synchronized List<Integer> presentFrom(int target) {
      List<Integer> out = new ArrayList<>();
      for (int i = present.previousSetBit(present.length() - 1);
          i >= target;
          i = present.previousSetBit(i - 1)) {
        out.add(i);
      }
      return out;
    }

    /**
     * Checks that an object about to be created has the kind of those created before.
     *
     * @throws IllegalStateException when the basename already names objects of another kind
     */
    synchronized void checkKind(String apiVersion, String kind) {
      if (this.kind != null && !(this.kind.equals(kind) && this.apiVersion.equals(apiVersion))) {
        throw new IllegalStateException(
            "basename '"
                + basename
                + "' in namespace "
                + namespace
                + " names "
                + this.apiVersion
                + " "
                + this.kind
                + " objects, the template now renders "
                + apiVersion
                + " "
                + kind);
      }
    }

    /** Records a created object, see {@link #checkKind}. */
    synchronized void added(int index, String apiVersion, String kind) {
      checkKind(apiVersion, kind);
      this.apiVersion = apiVersion.intern();
      this.kind = kind.intern();
      present.set(index);
    }

    synchronized void removed(int index) {
      present.clear(index);
    }

    /** The reference of an existing object. */
    synchronized ObjectRef ref(int index) {
      return new ObjectRef(apiVersion, kind, namespace, name(index));
    }
  }
}
