package dev.netmark.mockapi;

/** The kubeconfig of an API server that needs no credentials (local mode's and the tests'). */
public final class Kubeconfig {
  private Kubeconfig() {}

  /** A kubeconfig with one cluster, user and context, all named {@code name}. */
  public static String render(String serverUrl, String name) {
    return String.join(
        "\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: " + name,
        "  cluster:",
        "    server: " + serverUrl,
        "users:",
        "- name: " + name,
        "  user: {}",
        "contexts:",
        "- name: " + name,
        "  context:",
        "    cluster: " + name,
        "    user: " + name,
        "    namespace: default",
        "current-context: " + name,
        "");
  }
}
