package dev.netmark.shim.cri;

import com.google.protobuf.MessageLite;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** What the shim does with one call it intercepted: answer it, or forward it upstream. */
sealed interface Reply {
  /** The shim answers with {@code response}; upstream never sees the call. */
  record Local(byte[] response) implements Reply {}

  /**
   * The call goes upstream unchanged. Each upstream response passes through {@code transform}
   * (identity for pure pass-through); when upstream ends the call successfully, {@code epilogue}
   * may supply one more response (or null for none), which is how streamed lists gain the shim's
   * own items.
   */
  record Forward(UnaryOperator<byte[]> transform, Supplier<byte[]> epilogue) implements Reply {}

  Forward PASS_THROUGH = new Forward(UnaryOperator.identity(), () -> null);

  static Reply local(MessageLite response) {
    return new Local(response.toByteArray());
  }

  static Reply forward() {
    return PASS_THROUGH;
  }

  static Reply forwardAndMerge(UnaryOperator<byte[]> transform) {
    return new Forward(transform, () -> null);
  }
}
