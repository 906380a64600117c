package dev.netmark.contract.json;

import java.math.BigDecimal;
import java.math.BigInteger;

/** A string, number, boolean, JSON null, or the missing node that {@link JsonNode#path} returns. */
public final class ValueNode extends JsonNode {
  static final ValueNode NULL = new ValueNode(JsonNodeType.NULL, null);
  static final ValueNode MISSING = new ValueNode(JsonNodeType.MISSING, null);
  private static final ValueNode TRUE = new ValueNode(JsonNodeType.BOOLEAN, true);
  private static final ValueNode FALSE = new ValueNode(JsonNodeType.BOOLEAN, false);

  private final JsonNodeType type;
  // String, Boolean, Integer, Long, BigInteger, Double or BigDecimal; null for NULL and MISSING.
  private final Object value;

  private ValueNode(JsonNodeType type, Object value) {
    this.type = type;
    this.value = value;
  }

  /** A string node; null gives JSON null. */
  public static ValueNode of(String s) {
    return s == null ? NULL : new ValueNode(JsonNodeType.STRING, s);
  }

  public static ValueNode of(boolean b) {
    return b ? TRUE : FALSE;
  }

  /** A number node: an int-sized value is kept as an int, as Jackson's tree does. */
  public static ValueNode of(long n) {
    return new ValueNode(
        JsonNodeType.NUMBER, n == (int) n ? (Object) Integer.valueOf((int) n) : (Object) n);
  }

  public static ValueNode of(double d) {
    return new ValueNode(JsonNodeType.NUMBER, d);
  }

  /** A number node of any of Java's number types Jackson's tree holds. */
  static ValueNode number(Number n) {
    return new ValueNode(JsonNodeType.NUMBER, n);
  }

  /** JSON null. */
  public static ValueNode nullNode() {
    return NULL;
  }

  @Override
  public JsonNodeType getNodeType() {
    return type;
  }

  @Override
  public ValueNode deepCopy() {
    return this;
  }

  /** The Java value: String, Boolean, a Number, or null. */
  Object value() {
    return value;
  }

  @Override
  public String stringValue() {
    return value instanceof String s ? s : null;
  }

  @Override
  public String asString() {
    return value == null ? "" : value.toString();
  }

  @Override
  public String asString(String fallback) {
    return value == null ? fallback : value.toString();
  }

  @Override
  public boolean booleanValue() {
    return Boolean.TRUE.equals(value);
  }

  @Override
  public int intValue() {
    return value instanceof Number n ? n.intValue() : 0;
  }

  @Override
  public long longValue() {
    return value instanceof Number n ? n.longValue() : 0;
  }

  @Override
  public double doubleValue() {
    return value instanceof Number n ? n.doubleValue() : 0;
  }

  @Override
  public boolean isInt() {
    return value instanceof Integer;
  }

  /** An integral number: Integer, Long or BigInteger. */
  public boolean isIntegralNumber() {
    return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
  }

  @Override
  public boolean canConvertToInt() {
    return switch (value) {
      case Integer i -> true;
      case Long l -> l == l.intValue();
      case BigInteger b -> b.bitLength() < 32;
      case Double d -> d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE;
      case BigDecimal b -> canConvertToInt(b);
      case null, default -> false;
    };
  }

  private static boolean canConvertToInt(BigDecimal b) {
    try {
      b.intValueExact();
      return true;
    } catch (ArithmeticException e) {
      return false;
    }
  }
}
