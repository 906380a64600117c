package dev.netmark.engine.measurement;

import dev.netmark.api.NetmarkException;
import java.security.CodeSource;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Plugins of one type found with {@link ServiceLoader}, by name. Two plugins with one name are an
 * error naming both classes and where they came from; asking for an unknown name gives an error
 * listing the known names and which jar to add, as fabric8 does when it finds no HTTP client.
 *
 * @param <T> the plugin interface
 */
public final class NamedServices<T> {
  private final Kind kind;
  private final Map<String, T> byName;

  /**
   * What is being looked up, for messages.
   *
   * @param what e.g. {@code measurement method}
   * @param hint how to add more, e.g. which jar provides the usual ones
   */
  public record Kind(String what, String hint) {}

  private NamedServices(Kind kind, Map<String, T> byName) {
    this.kind = kind;
    this.byName = Collections.unmodifiableMap(byName);
  }

  /**
   * Loads every provider of {@code type} visible to {@code loader}.
   *
   * @throws NetmarkException for a provider that cannot be instantiated or a duplicate name
   */
  public static <T> NamedServices<T> load(
      Class<T> type, ClassLoader loader, Function<T, String> name, Kind kind) {
    try {
      List<T> found = ServiceLoader.load(type, loader).stream().map(p -> p.get()).toList();
      return of(found, name, kind);
    } catch (ServiceConfigurationError e) {
      throw new NetmarkException(
          "cannot load a " + kind.what() + " plugin (" + type.getName() + "): " + e.getMessage(),
          e);
    }
  }

  /** Registers the given providers; used by {@link #load} and by tests. */
  public static <T> NamedServices<T> of(List<T> providers, Function<T, String> name, Kind kind) {
    Map<String, T> byName = new TreeMap<>();
    for (T provider : providers) {
      String key = name.apply(provider);
      T previous = byName.putIfAbsent(key, provider);
      if (previous != null) {
        throw new NetmarkException(
            "two plugins provide the "
                + kind.what()
                + " '"
                + key
                + "': "
                + origin(previous)
                + " and "
                + origin(provider)
                + "; remove one of the jars");
      }
    }
    return new NamedServices<>(kind, byName);
  }

  public Optional<T> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * @throws NetmarkException listing the known names when {@code name} is unknown
   */
  public T get(String name) {
    return find(name).orElseThrow(() -> new NetmarkException(unknown(name)));
  }

  /** The message for an unknown name: the known names and how to add one. */
  public String unknown(String name) {
    String known = byName.isEmpty() ? "none" : String.join(", ", byName.keySet());
    return "unknown " + kind.what() + " '" + name + "'; known: " + known + ". " + kind.hint();
  }

  /** Known names, sorted. */
  public Set<String> names() {
    return byName.keySet();
  }

  private static String origin(Object provider) {
    Class<?> type = provider.getClass();
    CodeSource source = type.getProtectionDomain().getCodeSource();
    return type.getName() + " (" + (source == null ? "built in" : source.getLocation()) + ")";
  }
}
