package dev.netmark.testing.local.fabric;

/**
 * A pod-like network namespace on a node's CNI network, created by {@link Fabric#addPod}.
 *
 * @param name the pod's name, unique on its node
 * @param node the node's name
 * @param netns the pod's network namespace ({@code NODE-NAME})
 * @param ip the address the node's CNI network gave it
 * @param cniResult the final ADD result (JSON), kept for DEL
 */
public record Pod(String name, String node, String netns, String ip, String cniResult) {}
