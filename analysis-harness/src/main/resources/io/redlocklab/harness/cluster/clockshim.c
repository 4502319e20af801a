/*
 * clockshim: an LD_PRELOAD library that skews the wall clock of one process (redis-server).
 *
 * Interposes clock_gettime (CLOCK_REALTIME and CLOCK_REALTIME_COARSE only; every other clock
 * id passes through), gettimeofday and time. The skew comes from a 32-byte control file named
 * by $REDLOCK_CLOCK_FILE, mapped read-only once at load time and rewritten by the harness
 * (io.redlocklab.harness.cluster.ServerClock) under a seqlock. Little-endian, native layout:
 *
 *   uint64 seq             odd while the writer is updating
 *   int64  real_anchor_ns  CLOCK_REALTIME at the anchor
 *   int64  fake_anchor_ns  the time this process saw at the anchor
 *   double rate            fake ns per real ns after the anchor
 *
 *   fake = fake_anchor + elapsed + (int64)(elapsed * (rate - 1)),  elapsed = real - real_anchor
 *
 * (0, 0, 1.0) is the identity. Without the variable or a mappable file the shim passes through.
 *
 * Why not libfaketime: its clock functions initialise lazily (dlsym, which may allocate) when
 * first called, and redis' jemalloc reads the clock while it initialises: a deadlock at start-up.
 * Here everything is set up once in the constructor, before main and before any thread, and a
 * clock read that comes earlier (or finds no libc function) uses the raw system call: the clock
 * functions never allocate, lock or call dlsym. Afterwards the real clock is libc's vDSO-backed
 * clock_gettime: the raw syscall alone measured ~10x slower and halved redis' throughput.
 *
 * Build: cc -shared -fPIC -O2 -o libclockshim.so clockshim.c -ldl  (-ldl: for glibc < 2.34)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

struct control {
  uint64_t seq;
  int64_t real_anchor_ns;
  int64_t fake_anchor_ns;
  double rate;
};

/* Both set once by the constructor, before main. */
static const struct control *ctl;
static int (*libc_clock_gettime)(clockid_t, struct timespec *);

__attribute__((constructor)) static void clockshim_init(void) {
  *(void **) &libc_clock_gettime = dlsym(RTLD_NEXT, "clock_gettime");
  const char *path = getenv("REDLOCK_CLOCK_FILE");
  if (path == NULL || *path == '\0') return;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  struct stat st;
  if (fstat(fd, &st) == 0 && st.st_size >= (off_t) sizeof(struct control)) {
    void *p = mmap(NULL, sizeof(struct control), PROT_READ, MAP_SHARED, fd, 0);
    if (p != MAP_FAILED) ctl = p;
  }
  close(fd);
}

static int64_t skew(int64_t real_ns) {
  const struct control *c = ctl;
  if (c == NULL) return real_ns;
  /* Seqlock read. A writer that died mid-update leaves seq odd: give up and use real time. */
  for (int tries = 0; tries < 100000; tries++) {
    uint64_t seq = __atomic_load_n(&c->seq, __ATOMIC_ACQUIRE);
    if (seq & 1) continue;
    int64_t real_anchor = __atomic_load_n(&c->real_anchor_ns, __ATOMIC_RELAXED);
    int64_t fake_anchor = __atomic_load_n(&c->fake_anchor_ns, __ATOMIC_RELAXED);
    double rate;
    __atomic_load(&c->rate, &rate, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
    if (__atomic_load_n(&c->seq, __ATOMIC_RELAXED) != seq) continue;
    int64_t elapsed = real_ns - real_anchor;
    return fake_anchor + elapsed + (int64_t) ((double) elapsed * (rate - 1.0));
  }
  return real_ns;
}

static int real_clock(clockid_t id, struct timespec *ts) {
  if (libc_clock_gettime != NULL) return libc_clock_gettime(id, ts);
  return (int) syscall(SYS_clock_gettime, id, ts);
}

static void fake_clock(struct timespec *ts) {
  int64_t ns = skew((int64_t) ts->tv_sec * 1000000000 + ts->tv_nsec);
  int64_t sec = ns / 1000000000, rem = ns % 1000000000;
  if (rem < 0) { sec -= 1; rem += 1000000000; }
  ts->tv_sec = (time_t) sec;
  ts->tv_nsec = (long) rem;
}

int clock_gettime(clockid_t id, struct timespec *ts) {
  int rc = real_clock(id, ts);
  if (rc == 0 && (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE)) fake_clock(ts);
  return rc;
}

/* glibc declares tv non-null, so there is no NULL check for it. */
int gettimeofday(struct timeval *restrict tv, void *restrict tz) {
  if (tz != NULL && syscall(SYS_gettimeofday, NULL, tz) != 0) return -1;
  struct timespec ts;
  if (real_clock(CLOCK_REALTIME, &ts) != 0) return -1;
  fake_clock(&ts);
  tv->tv_sec = ts.tv_sec;
  tv->tv_usec = ts.tv_nsec / 1000;
  return 0;
}

time_t time(time_t *out) {
  struct timespec ts;
  if (real_clock(CLOCK_REALTIME, &ts) != 0) return (time_t) -1;
  fake_clock(&ts);
  if (out != NULL) *out = ts.tv_sec;
  return ts.tv_sec;
}
