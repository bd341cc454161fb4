/* progress.c - a one-line progress display on a terminal (see
 * progress.h). */
#include "ts.h"
#include "progress.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* `on` and `next` are read by every thread without the lock (a redraw is
 * then tried with it): atomics, so that the unlocked look is no race. */
static struct {
	atomic_int on;                 /* stderr is a terminal, not ended */
	int shown;                     /* a line is on the screen */
	double start;                  /* seconds: start */
	_Atomic double next;           /* seconds: next redraw */
	unsigned long long total;
	unsigned long files_total;
	atomic_ullong done;
	atomic_ulong files;
	pthread_mutex_t lock;          /* one writer of stderr at a time */
} p = { .lock = PTHREAD_MUTEX_INITIALIZER };

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void ts_progress_start(unsigned long long bytes, unsigned long files)
{
	const char *term = getenv("TERM");

	p.shown = 0;
	p.start = now_s();
	/* nothing for work shorter than a second (tests may say otherwise) */
	atomic_store(&p.next, p.start + (getenv("TIERSTAT_PROGRESS_AFTER") ?
					 strtod(getenv("TIERSTAT_PROGRESS_AFTER"), NULL) : 1.0));
	atomic_store(&p.on, isatty(STDERR_FILENO) && !(term && strcmp(term, "dumb") == 0));
	p.total = bytes;
	p.files_total = files;
	atomic_store(&p.done, 0);
	atomic_store(&p.files, 0);
}

static void draw(double t)
{
	unsigned long long done = atomic_load(&p.done);
	double rate = (double)done / (t - p.start);
	double left = rate > 0 && p.total > done ? (double)(p.total - done) / rate : 0;

	fprintf(stderr, "\rtierstat: %lu/%lu files, %llu/%llu MB, %.0f MB/s, %.0f s left\033[K",
		atomic_load(&p.files), p.files_total, done >> 20, p.total >> 20,
		rate / 1048576.0, left);
	fflush(stderr);
	p.shown = 1;
}

static void maybe_draw(void)
{
	double t;

	if (!atomic_load(&p.on))
		return;
	t = now_s();
	if (t < atomic_load(&p.next) || pthread_mutex_trylock(&p.lock) != 0)
		return;
	if (atomic_load(&p.on) && t >= atomic_load(&p.next)) {
		atomic_store(&p.next, t + 0.2);
		draw(t);
	}
	pthread_mutex_unlock(&p.lock);
}

void ts_progress_bytes(unsigned long long n)
{
	atomic_fetch_add(&p.done, n);
	maybe_draw();
}

void ts_progress_file(void)
{
	atomic_fetch_add(&p.files, 1);
	maybe_draw();
}

static void clear_line(void)
{
	if (p.shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		p.shown = 0;
	}
}

void ts_progress_end(void)
{
	pthread_mutex_lock(&p.lock);
	clear_line();
	atomic_store(&p.on, 0);
	pthread_mutex_unlock(&p.lock);
}

void ts_progress_hold(void)
{
	pthread_mutex_lock(&p.lock);
	clear_line();
}

void ts_progress_release(void)
{
	pthread_mutex_unlock(&p.lock);
}
