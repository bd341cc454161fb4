/* pool.c - run independent jobs on a few threads (see pool.h). */
#include "ts.h"
#include "pool.h"
#include "mem.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

struct ts_pool {
	ts_pool_fn fn;
	void *ctx;
	size_t n;
	atomic_size_t next;   /* the next job index to take */
	pthread_t tid[64];
	unsigned started;
};

static void *worker(void *arg)
{
	struct ts_pool *p = arg;
	size_t i;

	while ((i = atomic_fetch_add(&p->next, 1)) < p->n)
		p->fn(p->ctx, i);
	return NULL;
}

unsigned ts_pool_default_threads(void)
{
	const char *env = getenv("TIERSTAT_THREADS");
	long n;

	if (env && *env) {
		char *end;
		n = strtol(env, &end, 10);
		if (!*end && n >= 1 && n <= 64)
			return (unsigned)n;
	}
	n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	return n > 8 ? 8 : (unsigned)n;
}

struct ts_pool *ts_pool_start(size_t n, unsigned helpers, ts_pool_fn fn, void *ctx)
{
	struct ts_pool *p = ts_xcalloc(1, sizeof(*p));

	p->fn = fn;
	p->ctx = ctx;
	p->n = n;
	atomic_init(&p->next, 0);
	if (helpers > n)
		helpers = (unsigned)n;
	if (helpers > TS_COUNTOF(p->tid))
		helpers = TS_COUNTOF(p->tid);
	/* a helper that cannot start is not needed: the jobs it would have
	 * taken are taken by the others */
	for (unsigned k = 0; k < helpers; k++)
		if (pthread_create(&p->tid[p->started], NULL, worker, p) == 0)
			p->started++;
	return p;
}

void ts_pool_finish(struct ts_pool *p)
{
	worker(p);
	for (unsigned k = 0; k < p->started; k++)
		pthread_join(p->tid[k], NULL);
	free(p);
}

void ts_pool_wait(struct ts_pool *p)
{
	if (!p->started)
		worker(p);
	for (unsigned k = 0; k < p->started; k++)
		pthread_join(p->tid[k], NULL);
	free(p);
}

void ts_pool_run(size_t n, unsigned threads, ts_pool_fn fn, void *ctx)
{
	ts_pool_finish(ts_pool_start(n, threads > 1 ? threads - 1 : 0, fn, ctx));
}
