package dev.netmark.bench.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcLogTest {
  private static ProcEvent fork(long ts, int pid) {
    return new ProcEvent(ProcEvent.Kind.FORK, ts, pid, 1);
  }

  private static ProcEvent exec(long ts, int pid) {
    return new ProcEvent(ProcEvent.Kind.EXEC, ts, pid, 0);
  }

  private static ProcEvent exit(long ts, int pid) {
    return new ProcEvent(ProcEvent.Kind.EXIT, ts, pid, 1);
  }

  private static ProcLog log(ProcEvent... events) {
    ProcLog log = new ProcLog();
    log.add(new ProcEvent.Batch(List.of(events), 0));
    return log;
  }

  @Test
  void aProcessIsItsPidsLastForkBeforeTheMomentAndFirstExitAfter() {
    // pid 42 lived twice: 100..200, then 300..500; another pid in between.
    ProcLog log =
        log(
            fork(100, 42),
            exit(200, 42),
            fork(250, 7),
            fork(300, 42),
            exec(310, 42),
            exit(500, 42));

    assertThat(log.life(42, 350)).contains(new ProcLog.Life(300, 310, 500));
    assertThat(log.life(42, 150)).contains(new ProcLog.Life(100, -1, 200));
    assertThat(log.life(42, 350).orElseThrow().millis()).isEqualTo(200e-6);
    // Between the two lives, and a pid never seen.
    assertThat(log.life(42, 250)).isEmpty();
    assertThat(log.life(8, 350)).isEmpty();
  }

  @Test
  void aLostEventIsNeverMadeUpFromAnotherProcesssWithTheSamePid() {
    // The fork of the process alive at 350 was lost: 100..200 is another process.
    assertThat(log(fork(100, 42), exit(200, 42), exit(500, 42)).life(42, 350)).isEmpty();
    // Its exit was lost: 600.. is the next process with that pid.
    assertThat(log(fork(300, 42), fork(600, 42), exit(700, 42)).life(42, 350)).isEmpty();
    // Not exited yet.
    assertThat(log(fork(300, 42)).life(42, 350)).isEmpty();
  }

  @Test
  void eventsAreTakenInTheKernelsOrderAndOldOnesCanBeForgotten() {
    ProcLog log = log(exit(500, 42), fork(300, 42));
    assertThat(log.life(42, 350)).contains(new ProcLog.Life(300, -1, 500));

    log.forgetBefore(400);

    assertThat(log.life(42, 450)).isEmpty();
  }

  @Test
  void lostEventsAreCounted() {
    ProcLog log = new ProcLog();
    log.overrun();
    log.add(new ProcEvent.Batch(List.of(), 2));

    assertThat(log.overruns()).isEqualTo(3);
  }
}
