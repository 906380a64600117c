package dev.netmark.shim;

/** slf4j-simple settings for the shim process, unless the user set them with -D. */
final class Logging {
  private Logging() {}

  static void configure() {
    setDefault("org.slf4j.simpleLogger.showDateTime", "true");
    setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    setDefault("org.slf4j.simpleLogger.showThreadName", "false");
    // Netty warns once per connection that unix sockets have no SO_KEEPALIVE; that is expected.
    setDefault("org.slf4j.simpleLogger.log.io.grpc.netty.shaded.io.netty.bootstrap", "error");
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
