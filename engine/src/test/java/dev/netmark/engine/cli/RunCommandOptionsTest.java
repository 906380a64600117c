package dev.netmark.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunCommandOptionsTest {

  private static RunCommand parse(String... args) {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs(args);
    return run;
  }

  @Test
  void shortcutsBecomeProviderOptions() {
    RunCommand run =
        parse(
            "t.yaml",
            "--provider-opt",
            "prefix=nmx",
            "--nodes",
            "10",
            "--kubeconfig-out",
            "/tmp/kc",
            "--cni-conf-dir",
            "/etc/cni/net.d",
            "--cni-bin-dir",
            "/opt/cni/bin");

    assertThat(run.mergedProviderOptions())
        .containsExactly(
            Map.entry("prefix", "nmx"),
            Map.entry("nodes", "10"),
            Map.entry("kubeconfig-out", "/tmp/kc"),
            Map.entry("cni-conf-dir", "/etc/cni/net.d"),
            Map.entry("cni-bin-dir", "/opt/cni/bin"));
  }

  @Test
  void aShortcutAndAProviderOptionThatAgreeAreFine() {
    assertThat(parse("t.yaml", "--nodes", "3", "--provider-opt", "nodes=3").mergedProviderOptions())
        .containsExactly(Map.entry("nodes", "3"));
  }

  @Test
  void aShortcutAndAProviderOptionThatDisagreeAreAUsageError() {
    RunCommand run = parse("t.yaml", "--nodes", "3", "--provider-opt", "nodes=5");

    assertThatThrownBy(run::mergedProviderOptions)
        .isInstanceOf(UsageException.class)
        .hasMessage("--nodes 3 and --provider-opt nodes=5 disagree");
  }
}
