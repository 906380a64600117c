package dev.netmark.testing.local.kubelet;

import dev.netmark.shim.cri.api.ContainerStatusRequest;
import dev.netmark.shim.cri.api.ContainerStatusResponse;
import dev.netmark.shim.cri.api.CreateContainerRequest;
import dev.netmark.shim.cri.api.CreateContainerResponse;
import dev.netmark.shim.cri.api.ListContainersRequest;
import dev.netmark.shim.cri.api.ListContainersResponse;
import dev.netmark.shim.cri.api.ListPodSandboxRequest;
import dev.netmark.shim.cri.api.ListPodSandboxResponse;
import dev.netmark.shim.cri.api.PodSandboxStatusRequest;
import dev.netmark.shim.cri.api.PodSandboxStatusResponse;
import dev.netmark.shim.cri.api.RemoveContainerRequest;
import dev.netmark.shim.cri.api.RemoveContainerResponse;
import dev.netmark.shim.cri.api.RemovePodSandboxRequest;
import dev.netmark.shim.cri.api.RemovePodSandboxResponse;
import dev.netmark.shim.cri.api.RunPodSandboxRequest;
import dev.netmark.shim.cri.api.RunPodSandboxResponse;
import dev.netmark.shim.cri.api.RuntimeServiceGrpc;
import dev.netmark.shim.cri.api.StartContainerRequest;
import dev.netmark.shim.cri.api.StartContainerResponse;
import dev.netmark.shim.cri.api.StopContainerRequest;
import dev.netmark.shim.cri.api.StopContainerResponse;
import dev.netmark.shim.cri.api.StopPodSandboxRequest;
import dev.netmark.shim.cri.api.StopPodSandboxResponse;
import io.grpc.stub.StreamObserver;

/**
 * A runtime that answers every call a netperf pod's worker may make: sandbox {@code s1}, container
 * {@code c1}, empty lists and statuses. A test overrides the calls it makes go wrong.
 */
class AnsweringRuntime extends RuntimeServiceGrpc.RuntimeServiceImplBase {
  @Override
  public void runPodSandbox(RunPodSandboxRequest req, StreamObserver<RunPodSandboxResponse> out) {
    FakeRuntime.answer(out, RunPodSandboxResponse.newBuilder().setPodSandboxId("s1").build());
  }

  @Override
  public void podSandboxStatus(
      PodSandboxStatusRequest req, StreamObserver<PodSandboxStatusResponse> out) {
    FakeRuntime.answer(out, FakeRuntime.sandboxStatus(req.getPodSandboxId()));
  }

  @Override
  public void createContainer(
      CreateContainerRequest req, StreamObserver<CreateContainerResponse> out) {
    FakeRuntime.answer(out, CreateContainerResponse.newBuilder().setContainerId("c1").build());
  }

  @Override
  public void startContainer(
      StartContainerRequest req, StreamObserver<StartContainerResponse> out) {
    FakeRuntime.answer(out, StartContainerResponse.getDefaultInstance());
  }

  @Override
  public void containerStatus(
      ContainerStatusRequest req, StreamObserver<ContainerStatusResponse> out) {
    FakeRuntime.answer(out, ContainerStatusResponse.getDefaultInstance());
  }

  @Override
  public void listContainers(
      ListContainersRequest req, StreamObserver<ListContainersResponse> out) {
    FakeRuntime.answer(out, ListContainersResponse.getDefaultInstance());
  }

  @Override
  public void listPodSandbox(
      ListPodSandboxRequest req, StreamObserver<ListPodSandboxResponse> out) {
    FakeRuntime.answer(out, ListPodSandboxResponse.getDefaultInstance());
  }

  @Override
  public void stopContainer(StopContainerRequest req, StreamObserver<StopContainerResponse> out) {
    FakeRuntime.answer(out, StopContainerResponse.getDefaultInstance());
  }

  @Override
  public void removeContainer(
      RemoveContainerRequest req, StreamObserver<RemoveContainerResponse> out) {
    FakeRuntime.answer(out, RemoveContainerResponse.getDefaultInstance());
  }

  @Override
  public void stopPodSandbox(
      StopPodSandboxRequest req, StreamObserver<StopPodSandboxResponse> out) {
    FakeRuntime.answer(out, StopPodSandboxResponse.getDefaultInstance());
  }

  @Override
  public void removePodSandbox(
      RemovePodSandboxRequest req, StreamObserver<RemovePodSandboxResponse> out) {
    FakeRuntime.answer(out, RemovePodSandboxResponse.getDefaultInstance());
  }
}
