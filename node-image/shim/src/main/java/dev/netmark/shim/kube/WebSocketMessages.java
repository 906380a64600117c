package dev.netmark.shim.kube;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client side of a WebSocket (RFC 6455) as a watch uses it: the handshake's key and its check,
 * then whole messages read one at a time, pings answered, the server's close answered. Nothing is
 * sent but control frames: a watch only listens.
 */
final class WebSocketMessages {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
  private static final int CONTINUATION = 0;
  private static final int TEXT = 1;
  private static final int BINARY = 2;
  private static final int CLOSE = 8;
  private static final int PING = 9;

  private final InputStream in;
  private final OutputStream out;

  WebSocketMessages(InputStream in, OutputStream out) {
    this.in = in;
    this.out = out;
  }

  /** A new {@code Sec-WebSocket-Key}. */
  static String newKey() {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    return Base64.getEncoder().encodeToString(nonce);
  }

  /** The {@code Sec-WebSocket-Accept} a server must answer {@code key} with. */
  static String accept(String key) {
    try {
      byte[] sha1 =
          MessageDigest.getInstance("SHA-1")
              .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The next text or binary message as text; null once the server closed the WebSocket. */
  String next() throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    while (true) {
      int b0 = read();
      int b1 = read();
      boolean fin = (b0 & 0x80) != 0;
      int opcode = b0 & 0x0f;
      long length = b1 & 0x7f;
      if (length == 126) {
        length = (read() << 8) | read();
      } else if (length == 127) {
        length = 0;
        for (int i = 0; i < 8; i++) {
          length = (length << 8) | read();
        }
      }
      byte[] mask = (b1 & 0x80) != 0 ? readN(4) : null;
      if (length > MAX_MESSAGE_BYTES || message.size() + length > MAX_MESSAGE_BYTES) {
        throw new IOException("a WebSocket message over " + MAX_MESSAGE_BYTES + " bytes");
      }
      byte[] payload = readN((int) length);
      if (mask != null) {
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= mask[i & 3];
        }
      }
      switch (opcode) {
        case CONTINUATION, TEXT, BINARY -> {
          message.write(payload, 0, payload.length);
          if (fin) {
            return message.toString(StandardCharsets.UTF_8);
          }
        }
        case CLOSE -> {
          send(CLOSE, payload);
          return null;
        }
        case PING -> send(0xA, payload);
        default -> {} // a pong, or an opcode of an extension nobody asked for
      }
    }
  }

  // A client's frames are masked (RFC 6455, 5.3); control frames carry at most 125 bytes.
  private void send(int opcode, byte[] payload) throws IOException {
    int n = Math.min(payload.length, 125);
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    byte[] frame = new byte[6 + n];
    frame[0] = (byte) (0x80 | opcode);
    frame[1] = (byte) (0x80 | n);
    System.arraycopy(mask, 0, frame, 2, 4);
    for (int i = 0; i < n; i++) {
      frame[6 + i] = (byte) (payload[i] ^ mask[i & 3]);
    }
    out.write(frame);
    out.flush();
  }

  private int read() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("the API server closed the watch's connection");
    }
    return b;
  }

  private byte[] readN(int n) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length < n) {
      throw new EOFException("the API server closed the watch's connection mid-frame");
    }
    return b;
  }
}
