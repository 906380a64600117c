/**
 * The shim's own, small client of the Kubernetes API: where the API server is and how to
 * authenticate ({@link dev.netmark.shim.kube.ApiEndpoint}, from a kubeconfig or the in-cluster
 * service account), and a list and watch of one object on a plain HTTP/1.1 connection. The shim
 * reads one ConfigMap; fabric8's client cost every node about 28 MiB and a second of start-up, the
 * JDK's HTTP client another 12 MiB (docs/performance.md, shim-footprint).
 */
package dev.netmark.shim.kube;
