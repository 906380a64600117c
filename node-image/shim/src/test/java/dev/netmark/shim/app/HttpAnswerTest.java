package dev.netmark.shim.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpAnswerTest {
  private static String feed(HttpAnswer a, String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    return a.consume(b, b.length);
  }

  @Test
  void completeWhenTheAnnouncedBodyIsInEvenAcrossReads() {
    HttpAnswer a = new HttpAnswer();
    assertThat(feed(a, "HTTP/1.1 200 OK\r\nContent-Le")).isNull();
    assertThat(feed(a, "ngth: 5\r\n\r\nabc")).isNull();
    assertThat(a.complete()).isFalse();
    assertThat(a.completeAtEnd()).as("closed 2 bytes early: short").isFalse();
    assertThat(feed(a, "de")).isNull();
    assertThat(a.complete()).isTrue();
  }

  @Test
  void withoutALengthTheBodyEndsWithTheStream() {
    HttpAnswer a = new HttpAnswer();
    assertThat(feed(a, "HTTP/1.0 204 No Content\r\n\r\n")).isNull();
    assertThat(a.complete()).isFalse();
    assertThat(a.completeAtEnd()).isTrue();
  }

  @Test
  void statusFourHundredOrNotHttpIsStatus() {
    assertThat(feed(new HttpAnswer(), "HTTP/1.1 503 Unavailable\r\n\r\n")).isEqualTo("status");
    assertThat(feed(new HttpAnswer(), "SSH-2.0-OpenSSH\r\n\r\n")).isEqualTo("status");
    assertThat(feed(new HttpAnswer(), "HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n"))
        .isEqualTo("status");
    assertThat(new HttpAnswer().completeAtEnd()).as("nothing came: short").isFalse();
  }
}
