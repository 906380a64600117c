package dev.netmark.testing.local.fabric;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Another process for {@link RunLockTest}: takes the lock {@code args[0]} for prefix {@code
 * args[1]}, prints {@link #HELD}, releases it at a {@code release} line on stdin (printing {@link
 * #RELEASED}) and exits at the end of stdin.
 */
public final class LockHolder {
  static final String HELD = "held";
  static final String RELEASED = "released";

  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    RunLock lock = RunLock.claim(Path.of(args[0]), args[1]);
    System.out.println(HELD);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.equals("release")) {
        lock.close();
        System.out.println(RELEASED);
      }
    }
  }
}
