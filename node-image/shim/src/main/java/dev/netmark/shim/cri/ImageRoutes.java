package dev.netmark.shim.cri;

import dev.netmark.shim.cri.api.Image;
import dev.netmark.shim.cri.api.ImageServiceGrpc;
import dev.netmark.shim.cri.api.ImageSpec;
import dev.netmark.shim.cri.api.ImageStatusRequest;
import dev.netmark.shim.cri.api.ImageStatusResponse;
import dev.netmark.shim.cri.api.PullImageRequest;
import dev.netmark.shim.cri.api.PullImageResponse;
import io.grpc.StatusException;
import java.util.Map;

/**
 * ImageService for netperf pods: PullImage carrying a netperf sandbox config is answered with a
 * reference of the shim's (nothing is pulled); ImageStatus of such a reference describes it. Every
 * other image call goes upstream.
 */
final class ImageRoutes {
  private final ImageRefs refs;

  ImageRoutes(ImageRefs refs) {
    this.refs = refs;
  }

  void addTo(Map<String, UnaryRoute> routes) {
    routes.put(ImageServiceGrpc.getPullImageMethod().getFullMethodName(), this::pull);
    routes.put(ImageServiceGrpc.getImageStatusMethod().getFullMethodName(), this::status);
  }

  private Reply pull(byte[] bytes) throws StatusException {
    var req = Statuses.parse(PullImageRequest.parser(), bytes, "PullImage");
    if (!NetperfLabel.isNetperf(req.getSandboxConfig())) {
      return Reply.forward();
    }
    String ref = refs.refFor(req.getImage().getImage());
    return Reply.local(PullImageResponse.newBuilder().setImageRef(ref).build());
  }

  private Reply status(byte[] bytes) throws StatusException {
    var req = Statuses.parse(ImageStatusRequest.parser(), bytes, "ImageStatus");
    String ref = req.getImage().getImage();
    var name = refs.nameOf(ref);
    if (name.isEmpty()) {
      return Reply.forward();
    }
    Image image =
        Image.newBuilder()
            .setId(ref)
            .addRepoTags(name.get())
            .setSize(ImageRefs.size())
            .setSpec(ImageSpec.newBuilder().setImage(ref))
            .build();
    return Reply.local(ImageStatusResponse.newBuilder().setImage(image).build());
  }
}
