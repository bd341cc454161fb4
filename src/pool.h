/* pool.h - run independent jobs on a few threads.
 *
 * ts_pool_run() calls fn(ctx, i) for every i in [0, n) on up to `threads`
 * threads (the calling thread is one of them) and returns when all are
 * done. Jobs are taken in index order; each writes only its own result
 * slot, and the caller merges the slots in index order afterwards, so the
 * output never depends on scheduling.
 */
#ifndef TS_POOL_H
#define TS_POOL_H

#include "ts.h"

typedef void (*ts_pool_fn)(void *ctx, size_t i);

/* Threads to use by default: the online processors, at most 8, and at
 * least 1; TIERSTAT_THREADS overrides (1 = no threads at all). */
unsigned ts_pool_default_threads(void);

void ts_pool_run(size_t n, unsigned threads, ts_pool_fn fn, void *ctx);

/* The same in two steps, so the caller can do other work meanwhile:
 * ts_pool_start() starts `helpers` threads on the jobs (0 is allowed);
 * ts_pool_finish() makes the caller work on what is left, waits for the
 * helpers and frees the pool. */
struct ts_pool;
struct ts_pool *ts_pool_start(size_t n, unsigned helpers, ts_pool_fn fn, void *ctx);
void ts_pool_finish(struct ts_pool *p);

/* Like ts_pool_finish(), but the caller takes no job while a helper is
 * running: for a caller that kept a core busy with other work meanwhile
 * and would otherwise end up alone with the last big job. With no helper
 * started, the caller does every job itself. */
void ts_pool_wait(struct ts_pool *p);

#endif /* TS_POOL_H */
