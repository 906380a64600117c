/*
 * netmark-delay-stamp: the netmark-delay plugin's front door, compiled by the accuracy benchmark.
 * It takes the wall-clock time as its first act and execs the netmark-delay script next to it
 * (same path plus ".sh") with NETMARK_DELAY_START_US set, so the plugin's truth starts before
 * bash's own start-up, which a script cannot stamp. What is left out of the truth is the fork and
 * exec of this small binary.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  (void)argc;
  char us[32];
  snprintf(us, sizeof us, "%lld", (long long)now.tv_sec * 1000000LL + now.tv_nsec / 1000);
  setenv("NETMARK_DELAY_START_US", us, 1);
  char script[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", script, sizeof script - 4);
  if (n <= 0) {
    printf("{\"cniVersion\":\"0.4.0\",\"code\":5,\"msg\":\"netmark-delay-stamp: cannot read"
           " /proc/self/exe\"}\n");
    return 1;
  }
  memcpy(script + n, ".sh", 4);
  execv(script, argv);
  printf("{\"cniVersion\":\"0.4.0\",\"code\":5,\"msg\":\"netmark-delay-stamp: cannot exec %s\"}\n",
         script);
  return 1;
}
