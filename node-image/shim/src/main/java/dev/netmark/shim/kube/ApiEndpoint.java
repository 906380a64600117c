package dev.netmark.shim.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/**
 * One API server and the credentials for it.
 *
 * @param server the base URL ({@code https://host:port}, or {@code http} for local mode)
 * @param tls the TLS context (trusted CAs, client certificate), or null for {@code http}
 * @param token a bearer token, or null
 * @param tokenFile a file holding the bearer token, read at each request (service-account tokens
 *     rotate), or null
 * @param origin where this came from, for messages (the kubeconfig, or "in-cluster")
 */
public record ApiEndpoint(URI server, SSLContext tls, String token, Path tokenFile, String origin) {
  /** The Authorization header's value, or null without credentials. */
  public String authorization() {
    if (tokenFile != null) {
      try {
        return "Bearer " + Files.readString(tokenFile).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the token file " + tokenFile, e);
      }
    }
    return token == null ? null : "Bearer " + token;
  }
}
