package dev.netmark.shim.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The watch's side of RFC 6455: frames as a server sends them, control frames as it answers. */
class WebSocketMessagesTest {
  private final ByteArrayOutputStream sent = new ByteArrayOutputStream();

  private static byte[] frame(int b0, byte[] payload, byte[] mask) {
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write(b0);
    int maskBit = mask == null ? 0 : 0x80;
    if (payload.length < 126) {
      f.write(maskBit | payload.length);
    } else if (payload.length < 65536) {
      f.write(maskBit | 126);
      f.write(payload.length >> 8);
      f.write(payload.length & 0xff);
    } else {
      f.write(maskBit | 127);
      for (int i = 7; i >= 0; i--) {
        f.write((int) ((long) payload.length >> (8 * i)) & 0xff);
      }
    }
    if (mask != null) {
      f.writeBytes(mask);
    }
    for (int i = 0; i < payload.length; i++) {
      f.write(mask == null ? payload[i] : payload[i] ^ mask[i & 3]);
    }
    return f.toByteArray();
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private WebSocketMessages reading(byte[]... frames) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] f : frames) {
      all.writeBytes(f);
    }
    return new WebSocketMessages(new ByteArrayInputStream(all.toByteArray()), sent);
  }

  @Test
  void readsWholeMessagesAcrossFragmentsLengthsAndMasks() throws Exception {
    String big = "x".repeat(70_000);
    String medium = "y".repeat(300);
    WebSocketMessages m =
        reading(
            frame(0x01, text("{\"type\":"), null), // text, not final
            frame(0x09, text("ping"), null), // a ping between fragments
            frame(0x80, text("\"ADDED\"}"), null), // final continuation
            frame(0x82, text(medium), new byte[] {1, 2, 3, 4}), // binary, masked, 16-bit length
            frame(0x81, text(big), null), // 64-bit length
            frame(0x88, new byte[] {0x03, (byte) 0xe8}, null)); // close 1000
    assertThat(m.next()).isEqualTo("{\"type\":\"ADDED\"}");
    assertThat(m.next()).isEqualTo(medium);
    assertThat(m.next()).isEqualTo(big);
    assertThat(m.next()).isNull();

    byte[] out = sent.toByteArray();
    // A masked pong with the ping's payload, then a masked close with the server's code.
    assertThat(out[0] & 0xff).isEqualTo(0x8A);
    assertThat(out[1] & 0xff).isEqualTo(0x80 | 4);
    byte[] pong = new byte[4];
    for (int i = 0; i < 4; i++) {
      pong[i] = (byte) (out[6 + i] ^ out[2 + (i & 3)]);
    }
    assertThat(new String(pong, StandardCharsets.UTF_8)).isEqualTo("ping");
    assertThat(out[10] & 0xff).isEqualTo(0x88);
    assertThat(out[11] & 0xff).isEqualTo(0x80 | 2);
    assertThat(out).hasSize(10 + 8);
  }

  @Test
  void aConnectionThatEndsMidFrameIsAnError() {
    byte[] cut = frame(0x81, text("{\"type\":\"ADDED\"}"), null);
    WebSocketMessages m = reading(java.util.Arrays.copyOf(cut, 7));
    assertThatThrownBy(m::next).isInstanceOf(EOFException.class).hasMessageContaining("mid-frame");
  }

  @Test
  void theAcceptValueIsTheOneOfRfc6455() {
    // RFC 6455, section 1.3.
    assertThat(WebSocketMessages.accept("dGhlIHNhbXBsZSBub25jZQ=="))
        .isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  }
}
