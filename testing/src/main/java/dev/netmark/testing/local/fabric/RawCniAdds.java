package dev.netmark.testing.local.fabric;

import dev.netmark.testing.local.host.Exec;
import dev.netmark.testing.local.host.HostException;
import dev.netmark.testing.local.host.Leftovers;
import dev.netmark.testing.local.host.MarkedProcesses;
import dev.netmark.testing.local.host.Netns;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The raw CNI ADD of a node's network: {@code raw-cni-add.sh} (a resource next to this class) runs
 * the node's chain for fresh pod namespaces from a plain script inside the node's namespace, no
 * shim, no runtime, and times each ADD itself; optionally it pings a target from each pod right
 * after its ADD. Local mode's raw baseline and the throughput benchmark both use it. Made by {@link
 * Fabric#rawAdds}: the namespaces exist from then on; {@link #close} deletes them. The results are
 * cached in the node's fabric cache until their DEL, so a killed run's DELs run at the next start.
 */
public final class RawCniAdds implements AutoCloseable {
  private static final Pattern ADD = Pattern.compile("add (\\d+) (\\d+) (\\d+)");
  private static final Pattern PING = Pattern.compile("(ping|pingstart) (\\d+) (.*)");

  private final NodePlan node;
  private final CniNetwork net;
  private final Path binDir;
  private final String owner;
  private final String nsPrefix;
  private final int count;
  private final List<String> made = new ArrayList<>();

  /**
   * One pod's raw ADD.
   *
   * @param addStartUs the chain's start, epoch microseconds
   * @param addEndUs the last plugin's return, epoch microseconds
   * @param pingSentUs the send time of the first answered ping (reply time minus round trip), epoch
   *     microseconds; -1 without a ping or an answer
   * @param pingFirstUs the send time of ping's first echo, answered or not; -1 without a ping
   */
  public record Add(long addStartUs, long addEndUs, long pingSentUs, long pingFirstUs) {
    /** The ADD's duration in ms. */
    public double addMillis() {
      return (addEndUs - addStartUs) / 1000.0;
    }

    /** ADD's end to the answered ping's send time in ms, or NaN when there was none. */
    public double pingMillis() {
      return pingSentUs < 0 ? Double.NaN : (pingSentUs - addEndUs) / 1000.0;
    }

    /** ADD's end to ping's first echo in ms (starting ping), or NaN without a ping. */
    public double pingStartMillis() {
      return pingFirstUs < 0 ? Double.NaN : (pingFirstUs - addEndUs) / 1000.0;
    }
  }

  RawCniAdds(NodePlan node, CniNetwork net, Path binDir, String owner, String nsPrefix, int count)
      throws InterruptedException {
    this.node = node;
    this.net = net;
    this.binDir = binDir;
    this.owner = owner;
    this.nsPrefix = nsPrefix;
    this.count = count;
    try {
      for (int i = 0; i < count; i++) {
        Exec.check("ip", "netns", "add", nsPrefix + i);
        made.add(nsPrefix + i);
      }
    } catch (RuntimeException | InterruptedException e) {
      close();
      throw e;
    }
  }

  /**
   * Runs the ADDs, {@code parallel} at a time, then DELs them all (untimed).
   *
   * @param pingTarget pinged from each pod after its ADD, or null
   * @return one entry per pod, in pod order
   * @throws HostException when an ADD or DEL fails, with the script's output
   */
  public List<Add> run(int parallel, String pingTarget) throws InterruptedException {
    Path work = node.dir().resolve("raw-" + nsPrefix);
    Path script = work.resolve("raw-cni-add.sh");
    Path plugins = work.resolve("plugins");
    try {
      Files.createDirectories(plugins);
      try (InputStream in = RawCniAdds.class.getResourceAsStream("raw-cni-add.sh")) {
        Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-------"));
      for (int i = 0; i < net.plugins().size(); i++) {
        String type = net.plugins().get(i).path("type").asString();
        Files.writeString(
            plugins.resolve(String.format(Locale.ROOT, "%02d-%s.json", i, type)),
            net.pluginConf(i, null).toString());
      }
      Files.createDirectories(CniCache.fabricDir(node));
    } catch (IOException e) {
      throw new HostException("cannot prepare the raw CNI ADD in " + work + ": " + e, e);
    }
    Map<String, String> env = new HashMap<>();
    env.put(MarkedProcesses.ENV, owner);
    env.put("RAW_CACHE_DIR", CniCache.fabricDir(node).toString());
    env.put("RAW_NETWORK", net.name());
    if (pingTarget != null) {
      env.put("RAW_PING", pingTarget);
    }
    Exec.Result r =
        Exec.run(
            env,
            null,
            List.of(
                "nsenter",
                "--net=" + Netns.path(node.name()),
                // Read by bash, not executed itself: another thread's fork may still hold this
                // JVM's write descriptor of the script (the nodes' scripts are written while
                // others start), and exec of a file open for writing fails with "Text file busy".
                "bash",
                script.toString(),
                plugins.toString(),
                Integer.toString(count),
                nsPrefix,
                Integer.toString(parallel),
                binDir.toString()));
    try {
      Leftovers.deleteTree(work);
    } catch (RuntimeException e) {
      // Left under the run's state directory, which teardown removes.
    }
    List<Add> adds = parse(r.stdout(), count);
    if (!r.ok() || adds == null) {
      throw new HostException(
          "raw CNI ADD of " + net.source() + " on " + node.name() + ": " + r.describe());
    }
    return adds;
  }

  /** The script's output as one entry per pod, or null when an ADD is missing. */
  static List<Add> parse(String out, int count) {
    long[][] times = new long[count][];
    long[] answered = new long[count];
    long[] first = new long[count];
    Arrays.fill(answered, -1);
    Arrays.fill(first, -1);
    for (String line : out.split("\n")) {
      Matcher a = ADD.matcher(line.strip());
      Matcher p = PING.matcher(line.strip());
      if (a.matches()) {
        times[Integer.parseInt(a.group(1))] =
            new long[] {Long.parseLong(a.group(2)), Long.parseLong(a.group(3))};
      } else if (p.matches()) {
        long[] into = p.group(1).equals("ping") ? answered : first;
        into[Integer.parseInt(p.group(2))] = PingReply.sentUs(p.group(3));
      }
    }
    List<Add> adds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (times[i] == null) {
        return null;
      }
      adds.add(new Add(times[i][0], times[i][1], answered[i], first[i]));
    }
    return adds;
  }

  /** Deletes the pods' namespaces. */
  @Override
  public void close() throws InterruptedException {
    for (String ns : made) {
      Exec.run("ip", "netns", "del", ns);
    }
    made.clear();
  }
}
