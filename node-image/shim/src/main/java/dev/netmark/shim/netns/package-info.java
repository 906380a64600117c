/**
 * Named network namespaces ({@code /run/netns/NAME}, compatible with {@code ip netns}) and platform
 * threads moved into them with {@code setns(2)} through the FFM API.
 *
 * <p>Namespaces are per thread on Linux: a thread that called {@code setns} creates its sockets in
 * the new namespace and its child processes inherit it. Such a thread is never returned to a shared
 * pool; every thread this package moves is owned by it and ends with its task or executor.
 */
package dev.netmark.shim.netns;
