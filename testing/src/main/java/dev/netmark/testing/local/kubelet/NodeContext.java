package dev.netmark.testing.local.kubelet;

import dev.netmark.shim.cri.CriClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * What a node's pod workers share.
 *
 * @param node the node's name
 * @param hostIp the node's address (the pods' {@code status.hostIP})
 * @param kube the API client statuses are written with
 * @param cri the node's CRI connection (its shim)
 * @param pleg exits of the node's containers
 * @param controlPods how control pods run on this node
 * @param logRoot kubelet's pod log root ({@code /var/log/pods} on a real node)
 * @param backoff delays between failed sandbox creations
 * @param sandboxes told of every sandbox created
 * @param stopping whether the kubelet is drained or closed for the cluster's teardown ({@link
 *     Kubelet#drain}), which DELs whatever its pods could not stop itself
 */
record NodeContext(
    String node,
    String hostIp,
    KubernetesClient kube,
    CriClient cri,
    Pleg pleg,
    ControlPods controlPods,
    Path logRoot,
    Backoff backoff,
    SandboxWatch sandboxes,
    BooleanSupplier stopping) {}
