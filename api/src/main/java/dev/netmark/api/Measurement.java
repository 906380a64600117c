package dev.netmark.api;

import java.util.List;

/**
 * One measurement instance, created per (method, identifier) of a test config, so the step that
 * says {@code action: start} and the later step that says {@code action: gather} reach the same
 * object.
 *
 * <p>Threading: {@link #execute} is called from one engine thread at a time for one instance, but
 * different instances run in parallel within a step. An instance may start its own threads (to
 * watch pods, say) and must stop them in {@link #dispose}.
 */
public interface Measurement {

  /**
   * Runs one action of this measurement, named by {@code params.action()}, for example {@code
   * start} or {@code gather}.
   *
   * @return the summaries this action produced, usually none for {@code start} and one or more for
   *     {@code gather}; threshold breaches go into {@link Summary#violations()}, not exceptions
   * @throws ConfigException for a bad parameter, naming its path
   * @throws NetmarkException when the measurement could not be taken
   * @throws InterruptedException when the run is being cancelled
   */
  List<Summary> execute(Params params) throws InterruptedException;

  /**
   * Releases what the measurement holds (watches, threads). Called once at the end of the test,
   * also after a failure. Override when {@link #execute} starts anything.
   */
  default void dispose() {}
}
