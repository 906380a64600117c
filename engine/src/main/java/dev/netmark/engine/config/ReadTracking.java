package dev.netmark.engine.config;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * The variables of a template as a read-only map that notes every name the template looks up,
 * whether it is set or not: {@code (NODES)!3} reads {@code NODES} even when it falls back to 3.
 * That is how a parameter no template reads is told from a knob that exists.
 */
final class ReadTracking extends AbstractMap<String, Object> {
  private final Map<String, Object> values;
  private final Set<String> read;

  ReadTracking(Map<String, Object> values, Set<String> read) {
    this.values = Collections.unmodifiableMap(values);
    this.read = read;
  }

  @Override
  public Object get(Object key) {
    read.add(String.valueOf(key));
    return values.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    read.add(String.valueOf(key));
    return values.containsKey(key);
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return values.entrySet();
  }
}
