package dev.netmark.engine.tuningset;

/** One unit of work a tuning set paces, typically one API call (create or delete one object). */
@FunctionalInterface
public interface Action {
  /** Runs the action on the calling thread; an exception fails the tuning set's execution. */
  void run() throws Exception;
}
