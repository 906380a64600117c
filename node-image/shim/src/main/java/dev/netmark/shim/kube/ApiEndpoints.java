package dev.netmark.shim.kube;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the API server as kubectl and client-go do: the given kubeconfig; else the in-cluster
 * service account; else the first file of {@code $KUBECONFIG}; else {@code ~/.kube/config}.
 */
public final class ApiEndpoints {
  /** Where a pod's service account is mounted. */
  public static final Path SERVICE_ACCOUNT =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

  private ApiEndpoints() {}

  /**
   * @param kubeconfig {@code --kubeconfig}, or null
   * @throws KubeconfigException when none is found or the one found cannot be used
   */
  public static ApiEndpoint resolve(
      Path kubeconfig, Map<String, String> env, Path home, Path serviceAccount) {
    if (kubeconfig != null) {
      return Kubeconfig.load(kubeconfig);
    }
    String host = env.get("KUBERNETES_SERVICE_HOST");
    Path token = serviceAccount.resolve("token");
    if (host != null && Files.isRegularFile(token)) {
      return inCluster(host, env.getOrDefault("KUBERNETES_SERVICE_PORT", "443"), serviceAccount);
    }
    String list = env.get("KUBECONFIG");
    if (list != null && !list.isBlank()) {
      return Kubeconfig.load(Path.of(list.split(File.pathSeparator)[0]));
    }
    Path user = home.resolve(".kube/config");
    if (Files.isRegularFile(user)) {
      return Kubeconfig.load(user);
    }
    throw new KubeconfigException(
        "no API server to read probe targets from: no --kubeconfig, no in-cluster service account"
            + " ("
            + token
            + "), no $KUBECONFIG and no "
            + user
            + "; pass --kubeconfig or --probe-targets");
  }

  private static ApiEndpoint inCluster(String host, String port, Path serviceAccount) {
    String origin = "the in-cluster service account (" + serviceAccount + ")";
    String h = host.contains(":") ? "[" + host + "]" : host; // IPv6 service host
    String ca;
    try {
      ca = Files.readString(serviceAccount.resolve("ca.crt"));
    } catch (IOException e) {
      throw new KubeconfigException(origin + ": cannot read ca.crt: " + e, e);
    }
    return new ApiEndpoint(
        URI.create("https://" + h + ":" + port),
        TlsContexts.create(ca, false, null, null, origin),
        null,
        serviceAccount.resolve("token"),
        origin);
  }
}
