/**
 * The shim's own, small client of the Kubernetes API: where the API server is and how to
 * authenticate ({@link dev.netmark.shim.kube.ApiEndpoint}, from a kubeconfig or the in-cluster
 * service account), and a list and watch of one object. The shim reads one ConfigMap; a full client
 * would cost every node about 28 MiB and a second of start-up (docs/performance.md,
 * shim-footprint).
 */
package dev.netmark.shim.kube;
