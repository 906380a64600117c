/*
 * netmark-delay-stamp: the netmark-delay plugin's front door, compiled by the accuracy benchmark.
 * It takes the wall-clock time as its first act, then forks and execs the netmark-delay script next
 * to it (same path plus ".sh") with NETMARK_DELAY_START_US set, and waits for the script to exit.
 * The script inherits stdin, stdout and stderr, so the caller sees the script's own result; this
 * process exits with the script's exit code (or dies of the script's signal) and is the process the
 * caller waits for. Its last act before exiting is a second stamp: the script hands its truth line
 * (and the truth file's path) over a pipe named by NETMARK_DELAY_TRUTH_FD instead of writing it, and
 * this process appends it with "exitUs", the time the script had exited. The truth then holds the
 * plugin's whole life as its caller sees it: bash's start-up and exit, and what the script does
 * after its own last stamp. What is left out is this process's own fork, exec and exit: for those
 * the line also carries this process's pid, CLOCK_MONOTONIC (the clock of the kernel's process
 * events) read right after the start stamp and again right after the exit stamp, and a
 * CLOCK_REALTIME/CLOCK_MONOTONIC pair read back to back, so that the benchmark can find this
 * process's creation and exit among the kernel's events and map the script's wall-clock stamps
 * onto their clock.
 */
#define _GNU_SOURCE /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void) {
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  return (long long)now.tv_sec * 1000000LL + now.tv_nsec / 1000;
}

static long long now_ns(clockid_t clock) {
  struct timespec now;
  clock_gettime(clock, &now);
  return (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
}

/* Taken once at the start (see main), written with the truth line. */
static long long start_mono_ns, pair_real_ns, pair_mono_ns;

static int fail(const char *what, const char *path) {
  printf("{\"cniVersion\":\"0.4.0\",\"code\":5,\"msg\":\"netmark-delay-stamp: %s %s\"}\n", what,
         path);
  fflush(stdout);
  return 1;
}

/*
 * Appends the script's truth line with the exit stamp. The pipe holds "PATH\nLINE\n" where LINE is
 * a JSON object; nothing there (a command other than ADD, a failed ADD) writes nothing. Read without
 * blocking: a descendant of the script (its detached timer) may still hold the pipe open.
 */
static void append_truth(int fd, long long exit_us, long long exit_mono_ns) {
  char buf[8192];
  size_t len = 0;
  ssize_t r;
  while (len < sizeof buf - 1 && ((r = read(fd, buf + len, sizeof buf - 1 - len)) > 0 ||
                                  (r < 0 && errno == EINTR))) {
    if (r > 0) {
      len += (size_t)r;
    }
  }
  buf[len] = '\0';
  char *path = buf;
  char *line = strchr(buf, '\n');
  if (line == NULL) {
    return;
  }
  *line++ = '\0';
  char *end = strrchr(line, '}');
  if (path[0] != '/' || end == NULL) {
    return;
  }
  *end = '\0';
  char out[8300];
  int n = snprintf(out, sizeof out,
                   "%s,\"exitUs\":%lld,\"pid\":%ld,\"startMonoNs\":%lld,\"exitMonoNs\":%lld,"
                   "\"pairRealNs\":%lld,\"pairMonoNs\":%lld}\n",
                   line, exit_us, (long)getpid(), start_mono_ns, exit_mono_ns, pair_real_ns,
                   pair_mono_ns);
  int t = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (t < 0 || n <= 0 || (size_t)n >= sizeof out) {
    fprintf(stderr, "netmark-delay-stamp: cannot append the truth to %s\n", path);
    return;
  }
  if (write(t, out, (size_t)n) != n) {
    fprintf(stderr, "netmark-delay-stamp: short write of the truth to %s\n", path);
  }
  close(t);
}

int main(int argc, char **argv) {
  long long start_us = now_us();
  start_mono_ns = now_ns(CLOCK_MONOTONIC);
  /* Back to back (vDSO reads, well under a microsecond apart): one instant on both clocks. */
  pair_real_ns = now_ns(CLOCK_REALTIME);
  pair_mono_ns = now_ns(CLOCK_MONOTONIC);
  (void)argc;
  char us[32];
  snprintf(us, sizeof us, "%lld", start_us);
  setenv("NETMARK_DELAY_START_US", us, 1);
  char script[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", script, sizeof script - 4);
  if (n <= 0) {
    return fail("cannot read", "/proc/self/exe");
  }
  memcpy(script + n, ".sh", 4);
  int truth[2];
  if (pipe2(truth, O_CLOEXEC) != 0) {
    return fail("cannot make a pipe for", script);
  }
  int child_end = fcntl(truth[1], F_DUPFD, 3); /* without O_CLOEXEC: the script inherits it */
  close(truth[1]);
  if (child_end < 0 || fcntl(truth[0], F_SETFL, O_NONBLOCK) != 0) {
    return fail("cannot set up the pipe for", script);
  }
  char fd[16];
  snprintf(fd, sizeof fd, "%d", child_end);
  setenv("NETMARK_DELAY_TRUTH_FD", fd, 1);
  pid_t pid = fork();
  if (pid < 0) {
    return fail("cannot fork for", script);
  }
  if (pid == 0) {
    execv(script, argv);
    fail("cannot exec", script);
    _exit(1);
  }
  close(child_end);
  int status;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      return fail("cannot wait for", script);
    }
  }
  long long exit_us = now_us();
  append_truth(truth[0], exit_us, now_ns(CLOCK_MONOTONIC));
  if (WIFSIGNALED(status)) {
    signal(WTERMSIG(status), SIG_DFL);
    raise(WTERMSIG(status));
    return 128 + WTERMSIG(status);
  }
  return WEXITSTATUS(status);
}
