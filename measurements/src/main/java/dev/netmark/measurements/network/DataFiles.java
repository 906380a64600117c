package dev.netmark.measurements.network;

import dev.netmark.api.NetmarkException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw data a summary cannot hold (time series, per-pod results), as JSON files under {@code
 * <reportDir>/data/} for the HTML report. A subdirectory, so tools that read every {@code *.json}
 * of the report directory as a perfdash summary do not pick these up.
 */
final class DataFiles {
  static final String DIR = "data";
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private DataFiles() {}

  /**
   * Writes {@code <reportDir>/data/<summary>_<kind>_<testName>_<gatherMs>.json}.
   *
   * @return the file written
   * @throws NetmarkException naming the file when it cannot be written
   */
  static Path write(Window window, String summary, String kind, Object content) {
    Path file =
        window
            .reportDir()
            .resolve(DIR)
            .resolve(
                summary + "_" + kind + "_" + window.testName() + "_" + window.gatherMs() + ".json");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, JSON.writeValueAsString(content));
      return file;
    } catch (IOException | JacksonException e) {
      throw new NetmarkException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
