package dev.netmark.shim.cri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.fixtures.Containerd;
import dev.netmark.shim.cri.api.ImageFsInfoResponse;
import dev.netmark.shim.cri.api.ImageSpec;
import dev.netmark.shim.cri.api.ImageStatusRequest;
import dev.netmark.shim.cri.api.ListImagesRequest;
import dev.netmark.shim.cri.api.ListPodSandboxRequest;
import dev.netmark.shim.cri.api.PodSandboxStatusRequest;
import dev.netmark.shim.cri.api.StatusRequest;
import dev.netmark.shim.cri.api.StatusResponse;
import dev.netmark.shim.cri.api.VersionRequest;
import dev.netmark.shim.testing.Commands;
import dev.netmark.shim.testing.OciArchive;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ordinary calls through the shim against a real containerd: the shim's answers equal containerd's
 * own, unknown methods pass as raw bytes, and upstream errors arrive unchanged.
 */
class PassThroughIT {
  private static final String IMAGE = "docker.io/nmcri/passthrough:1";
  private static Path dir;
  private static Containerd containerd;
  private static CriServer shim;
  private static CriClient direct;
  private static CriClient viaShim;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("nmcri-pass");
    containerd = Containerd.start(dir.resolve("containerd"));
    containerd.importImage(OciArchive.write(dir, IMAGE));
    shim = CriServer.passThrough(dir.resolve("shim/shim.sock"), containerd.socket());
    direct = CriClient.connect(containerd.socket());
    viaShim = CriClient.connect(shim.socket());
  }

  @AfterAll
  static void stop() throws Exception {
    try (Containerd c = containerd;
        CriServer s = shim) {
      if (direct != null) {
        direct.close();
      }
      if (viaShim != null) {
        viaShim.close();
      }
    } finally {
      Commands.deleteTree(dir);
    }
  }

  @Test
  void socketIsOwnerAndGroupOnly() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shim.socket())))
        .isEqualTo("rw-rw----");
  }

  @Test
  void versionIsContainerds() {
    var req = VersionRequest.newBuilder().setVersion("v1").build();
    var answer = viaShim.runtime().version(req);
    assertThat(answer).isEqualTo(direct.runtime().version(req));
    assertThat(answer.getRuntimeName()).isEqualTo("containerd");
  }

  @Test
  void statusIsContainerds() {
    // Verbose info holds the whole config (no timestamps): compared as well.
    var req = StatusRequest.newBuilder().setVerbose(true).build();
    StatusResponse answer = viaShim.runtime().status(req);
    assertThat(answer).isEqualTo(direct.runtime().status(req));
    assertThat(answer.getStatus().getConditionsList())
        .extracting(c -> c.getType())
        .contains("RuntimeReady", "NetworkReady");
  }

  @Test
  void listPodSandboxIsContainerds() {
    var req = ListPodSandboxRequest.getDefaultInstance();
    assertThat(viaShim.runtime().listPodSandbox(req))
        .isEqualTo(direct.runtime().listPodSandbox(req));
  }

  @Test
  void imagesAreContainerds() {
    var list = viaShim.images().listImages(ListImagesRequest.getDefaultInstance());
    assertThat(list).isEqualTo(direct.images().listImages(ListImagesRequest.getDefaultInstance()));
    assertThat(list.getImagesList()).hasSize(1);
    assertThat(list.getImages(0).getRepoTagsList()).containsExactly(IMAGE);

    var present =
        ImageStatusRequest.newBuilder().setImage(ImageSpec.newBuilder().setImage(IMAGE)).build();
    var status = viaShim.images().imageStatus(present);
    assertThat(status).isEqualTo(direct.images().imageStatus(present));
    assertThat(status.getImage().getId()).isEqualTo(list.getImages(0).getId());

    var absent =
        ImageStatusRequest.newBuilder()
            .setImage(ImageSpec.newBuilder().setImage("docker.io/nmcri/absent:1"))
            .build();
    assertThat(viaShim.images().imageStatus(absent).hasImage()).isFalse();
  }

  @Test
  void methodOutsideTheProtoIsForwardedAsBytes() {
    // ImageFsInfo is not intercepted: it goes through the generic byte relay. Only the sampling
    // timestamp of each filesystem usage varies between two calls; it is cleared before comparing.
    String method = "runtime.v1.ImageService/ImageFsInfo";
    var viaShimAnswer = clearTimestamps(viaShim.rawUnary(method, new byte[0]));
    var directAnswer = clearTimestamps(direct.rawUnary(method, new byte[0]));
    assertThat(viaShimAnswer).isEqualTo(directAnswer);
    assertThat(viaShimAnswer.getImageFilesystemsCount()).isEqualTo(1);
  }

  @Test
  void unknownMethodGetsUpstreamsUnimplemented() {
    // containerd 1.6 predates RuntimeConfig: its UNIMPLEMENTED must reach the caller as is.
    String method = "runtime.v1.RuntimeService/RuntimeConfig";
    assertThatThrownBy(() -> viaShim.rawUnary(method, new byte[0]))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
  }

  @Test
  void upstreamErrorCodeAndMessageArriveUnchanged() {
    var req = PodSandboxStatusRequest.newBuilder().setPodSandboxId("0123456789ab").build();
    StatusRuntimeException fromShim = catchStatus(() -> viaShim.runtime().podSandboxStatus(req));
    StatusRuntimeException fromContainerd =
        catchStatus(() -> direct.runtime().podSandboxStatus(req));
    assertThat(fromShim.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(fromShim.getStatus().getDescription())
        .isEqualTo(fromContainerd.getStatus().getDescription());
  }

  private static StatusRuntimeException catchStatus(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      return e;
    }
    throw new AssertionError("expected the call to fail");
  }

  private static ImageFsInfoResponse clearTimestamps(byte[] raw) {
    try {
      var b = ImageFsInfoResponse.parseFrom(raw).toBuilder();
      b.getImageFilesystemsBuilderList().forEach(f -> f.setTimestamp(0));
      b.getContainerFilesystemsBuilderList().forEach(f -> f.setTimestamp(0));
      return b.build();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
