package dev.netmark.shim.kube;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads a kubeconfig's current context into an {@link ApiEndpoint}: the cluster's server, CA
 * ({@code certificate-authority[-data]}, {@code insecure-skip-tls-verify}) and the user's token,
 * token file or client certificate and key. Relative paths are relative to the kubeconfig, as
 * kubectl reads them. Exec and auth-provider plugins are refused: the shim runs as root and runs no
 * command a file names.
 */
public final class Kubeconfig {
  private Kubeconfig() {}

  /**
   * Loads {@code file}.
   *
   * @throws KubeconfigException naming the file and what is wrong
   */
  public static ApiEndpoint load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new KubeconfigException("kubeconfig " + file + ": cannot read it: " + e, e);
    }
    return parse(text, file.toAbsolutePath().getParent(), "kubeconfig " + file);
  }

  static ApiEndpoint parse(String yaml, Path baseDir, String origin) {
    Map<?, ?> root;
    try {
      Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
      root = loaded instanceof Map<?, ?> m ? m : null;
    } catch (RuntimeException e) {
      throw new KubeconfigException(origin + ": not YAML: " + e.getMessage(), e);
    }
    if (root == null) {
      throw new KubeconfigException(origin + ": expected a YAML mapping");
    }
    String contextName = string(root, "current-context", origin);
    if (contextName == null) {
      throw new KubeconfigException(origin + ": no current-context");
    }
    Map<?, ?> context = named(root, "contexts", "context", contextName, origin);
    Map<?, ?> cluster =
        named(root, "clusters", "cluster", string(context, "cluster", origin), origin);
    String userName = string(context, "user", origin);
    Map<?, ?> user = userName == null ? Map.of() : named(root, "users", "user", userName, origin);
    return endpoint(cluster, user, baseDir, origin + " (context " + contextName + ")");
  }

  private static ApiEndpoint endpoint(Map<?, ?> cluster, Map<?, ?> user, Path dir, String origin) {
    String server = string(cluster, "server", origin);
    if (server == null) {
      throw new KubeconfigException(origin + ": the cluster has no server");
    }
    for (String plugin : List.of("exec", "auth-provider")) {
      if (user.get(plugin) != null) {
        throw new KubeconfigException(
            origin
                + ": the user authenticates with an "
                + plugin
                + " plugin, which the shim does not run (it runs as root and runs no command a"
                + " file names); give it a token, tokenFile or client certificate");
      }
    }
    URI uri = URI.create(server);
    SSLContext tls = null;
    if ("https".equals(uri.getScheme())) {
      boolean insecure = Boolean.TRUE.equals(cluster.get("insecure-skip-tls-verify"));
      String ca = pem(cluster, "certificate-authority", dir, origin);
      String cert = pem(user, "client-certificate", dir, origin);
      String key = pem(user, "client-key", dir, origin);
      if ((cert == null) != (key == null)) {
        throw new KubeconfigException(
            origin + ": the user has a client certificate or a client key, not both");
      }
      tls = TlsContexts.create(ca, insecure, cert, key, origin);
    }
    String tokenFile = string(user, "tokenFile", origin);
    return new ApiEndpoint(
        uri,
        tls,
        string(user, "token", origin),
        tokenFile == null ? null : dir.resolve(tokenFile),
        origin);
  }

  /** The PEM text of {@code key} (a path) or {@code key-data} (base64), or null. */
  private static String pem(Map<?, ?> map, String key, Path dir, String origin) {
    String data = string(map, key + "-data", origin);
    if (data != null) {
      try {
        return new String(Base64.getMimeDecoder().decode(data), StandardCharsets.US_ASCII);
      } catch (IllegalArgumentException e) {
        throw new KubeconfigException(origin + ": " + key + "-data is not base64", e);
      }
    }
    String file = string(map, key, origin);
    if (file == null) {
      return null;
    }
    try {
      return Files.readString(dir.resolve(file));
    } catch (IOException e) {
      throw new KubeconfigException(origin + ": " + key + " " + file + ": cannot read it: " + e, e);
    }
  }

  /** The entry of list {@code listKey} whose name is {@code name}: its {@code field} mapping. */
  private static Map<?, ?> named(
      Map<?, ?> root, String listKey, String field, String name, String origin) {
    if (root.get(listKey) instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> entry && String.valueOf(entry.get("name")).equals(name)) {
          return entry.get(field) instanceof Map<?, ?> m ? m : Map.of();
        }
      }
    }
    throw new KubeconfigException(origin + ": no " + field + " named '" + name + "' in " + listKey);
  }

  private static String string(Map<?, ?> map, String key, String origin) {
    Object v = map.get(key);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw new KubeconfigException(origin + ": " + key + ": expected a string, found " + v);
  }
}
