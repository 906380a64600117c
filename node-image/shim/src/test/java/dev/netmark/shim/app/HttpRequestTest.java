package dev.netmark.shim.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpRequestTest {
  private static void feed(HttpRequest r, String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    r.consume(b, b.length);
  }

  private static HttpRequest of(String text) {
    HttpRequest r = new HttpRequest();
    feed(r, text);
    return r;
  }

  @Test
  void aGetWithoutBodyIsAnsweredAtTheEndOfItsHead() {
    HttpRequest r = of("GET / HTTP/1.1\r\nHost: a\r\nX-Netmark-Via: service\r\n\r\n");
    assertThat(r.status()).isEqualTo("200 OK");
    assertThat(r.reason()).isEmpty();
    assertThat(r.refused()).isFalse();
    assertThat(r.viaService()).isTrue();
  }

  @Test
  void aBodySplitAcrossReadsIsReadWholeBeforeTheAnswer() {
    HttpRequest r = new HttpRequest();
    feed(r, "POST / HTTP/1.1\r\nContent-");
    assertThat(r.headDone()).isFalse();
    feed(r, "Length: 10\r\nx-netmark-via: pod\r\n\r\nabc");
    assertThat(r.headDone()).isTrue();
    assertThat(r.viaService()).isFalse();
    assertThat(r.status()).as("3 of 10 body bytes in").isNull();
    feed(r, "defg");
    assertThat(r.status()).as("7 of 10").isNull();
    byte[] last = new byte[2048];
    r.consume(last, 3);
    assertThat(r.status()).isEqualTo("200 OK");
    assertThat(r.refused()).isFalse();
  }

  @Test
  void aBodyInTheHeadsReadCountsAndBytesBeyondItAreIgnored() {
    HttpRequest r = of("POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\nabcdEXTRA");
    assertThat(r.status()).isEqualTo("200 OK");
  }

  @Test
  void aBodyAtTheBoundIsReadAndOneByteMoreIsRefusedFromTheHead() {
    HttpRequest atBound = of("POST / HTTP/1.1\r\nContent-Length: 1048576\r\n\r\n");
    assertThat(atBound.status()).isNull();
    byte[] chunk = new byte[2048];
    for (int i = 0; i < 1048576 / 2048; i++) {
      assertThat(atBound.status()).isNull();
      atBound.consume(chunk, chunk.length);
    }
    assertThat(atBound.status()).isEqualTo("200 OK");

    HttpRequest over = of("POST / HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n");
    assertThat(over.status()).isEqualTo("413 Content Too Large");
    assertThat(over.reason())
        .isEqualTo("request body of 1048577 bytes is over the server's bound of 1048576");
    assertThat(over.refused()).isTrue();
  }

  @Test
  void aMethodOtherThanGetOrPostIsAnsweredAfterItsBody() {
    HttpRequest r = of("PUT / HTTP/1.1\r\nContent-Length: 2\r\n\r\n");
    assertThat(r.status()).isNull();
    feed(r, "ab");
    assertThat(r.status()).isEqualTo("405 Method Not Allowed");
    assertThat(r.reason()).isEqualTo("method PUT: only GET and POST");
    assertThat(r.refused()).as("read whole: no discarding afterwards").isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not http           | SSH-2.0-OpenSSH\\r\\n\\r\\n "
            + "| 400 Bad Request | not an HTTP/1 request line",
        "http/2 preface     | PRI * HTTP/2.0\\r\\n\\r\\n "
            + "| 400 Bad Request | not an HTTP/1 request line",
        "length not a number | POST / HTTP/1.1\\r\\nContent-Length: 1e3\\r\\n\\r\\n "
            + "| 400 Bad Request | bad Content-Length '1e3'",
        "negative length    | POST / HTTP/1.1\\r\\nContent-Length: -1\\r\\n\\r\\n "
            + "| 400 Bad Request | bad Content-Length '-1'",
        "two lengths        | POST / HTTP/1.1\\r\\nContent-Length: 1\\r\\nContent-Length: 2\\r\\n\\r\\n "
            + "| 400 Bad Request | bad Content-Length '2'",
        "chunked            | POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n "
            + "| 411 Length Required | a request body needs Content-Length, not chunks",
      })
  void refusedFromTheHeadWithTheCause(String name, String head, String status, String reason) {
    HttpRequest r = of(head.strip().replace("\\r\\n", "\r\n"));
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.reason()).isEqualTo(reason);
    assertThat(r.refused()).isTrue();
  }

  @Test
  void aHeadOverEightKibIsRefused() {
    HttpRequest r = of("GET / HTTP/1.1\r\nX-Pad: " + "x".repeat(HttpRequest.MAX_HEAD) + "\r\n\r\n");
    assertThat(r.headDone()).isFalse();
    assertThat(r.status()).isEqualTo("431 Request Header Fields Too Large");
    assertThat(r.reason()).isEqualTo("request head over 8192 bytes");
    assertThat(r.refused()).isTrue();
  }
}
