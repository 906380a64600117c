package dev.netmark.engine.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a generated report.html in Debian's headless Chromium, offline, and checks the screenshot
 * shows a page (not a blank or error page). hack/test.sh installs chromium; without it this test
 * fails, because a report nobody checked renders is not done.
 */
class ReportHtmlIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path dir;

  @Test
  void rendersInHeadlessChromium() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      fail(
          CHROMIUM
              + " not found: install Debian's chromium (apt-get install -y chromium, or run"
              + " hack/test.sh, which installs it) to check that report.html renders");
    }
    Path html = Files.writeString(dir.resolve(HtmlReport.FILE), HtmlReport.html(SampleRun.run()));
    Path png = dir.resolve("report.png");
    Path log = dir.resolve("chromium.log");
    Process p =
        new ProcessBuilder(
                List.of(
                    CHROMIUM.toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--user-data-dir=" + dir.resolve("profile"),
                    "--screenshot=" + png,
                    "--window-size=1280,2000",
                    html.toUri().toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish in 120 s; its output:\n" + Files.readString(log));
    }
    assertThat(png).as("screenshot; chromium said:\n%s", Files.readString(log)).exists();
    // A blank 1280x2000 PNG is a few kB; tables, text and charts make it far larger.
    assertThat(Files.size(png)).isGreaterThan(50_000);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(2000);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y));
      }
    }
    // Text antialiasing, the chart palette and the header give hundreds of colours; an error
    // page or an empty render gives a handful.
    assertThat(colours.size()).isGreaterThan(200);
    // The dark header band is there: the top left pixel is the header colour #1d232a.
    assertThat(image.getRGB(5, 5) & 0xFFFFFF).isEqualTo(0x1d232a);
    // To look at it: NETMARK_KEEP_SCREENSHOT=/tmp/report.png keeps the PNG and the page beside it.
    String keep = System.getenv("NETMARK_KEEP_SCREENSHOT");
    if (keep != null) {
      Files.copy(png, Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
      Files.copy(html, Path.of(keep + ".html"), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
