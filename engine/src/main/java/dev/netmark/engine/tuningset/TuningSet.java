package dev.netmark.engine.tuningset;

import java.util.List;

/**
 * Paces a list of actions, like clusterloader2's {@code TuningSet.Execute(actions)}. Actions start
 * at the times the tuning set decides and run concurrently, so a slow action never delays later
 * starts.
 */
@FunctionalInterface
public interface TuningSet {

  /**
   * Starts every action and returns when all started actions have finished.
   *
   * @throws ActionsFailedException when an action failed; no further actions are started after the
   *     first failure
   * @throws InterruptedException when interrupted; running actions are interrupted and awaited
   */
  void execute(List<? extends Action> actions) throws InterruptedException;
}
