/* ingest.c - bring every input file of a scan into the store: plan,
 * parse, merge, store (see ingest.h). */
#include "ts.h"
#include "ingest.h"
#include "mem.h"
#include "pool.h"
#include "progress.h"
#include "specs.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Seconds since *t, which becomes now. */
static double lap(double *t)
{
	double now = now_s(), s = now - *t;

	*t = now;
	return s;
}

/* ==== copies: a folder copied in twice ====
 * Files of the same kind, size and first 4 KiB are compared byte for
 * byte; the later one of two identical files is a copy. Sorting by that
 * key keeps this near-linear even for 10,000 small files. */
struct copy_key {
	size_t i;                 /* index into the inputs (path order) */
	enum ts_kind kind;
	long long size;
	unsigned long long head;  /* FNV-1a of the first 4 KiB */
};

static unsigned long long head_hash(const char *path)
{
	unsigned char buf[4096];
	unsigned long long h = 0xcbf29ce484222325ULL;
	FILE *fp = fopen(path, "rb");
	size_t n;

	if (!fp)
		return 0;
	n = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	for (size_t k = 0; k < n; k++)
		h = (h ^ buf[k]) * 0x100000001b3ULL;
	return h;
}

static int by_copy_key(const void *a, const void *b)
{
	const struct copy_key *x = a, *y = b;

	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	if (x->head != y->head)
		return x->head < y->head ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* copy_of[i]: the earliest input (in path order) with the same bytes as
 * input i, or NULL. Caller frees the array. */
static const struct ts_input **find_copies(const struct ts_inputs *in)
{
	const struct ts_input **copy_of = ts_xcalloc(in->nr ? in->nr : 1, sizeof(*copy_of));
	struct copy_key *k = ts_xcalloc(in->nr ? in->nr : 1, sizeof(*k));
	size_t nk = 0;

	for (size_t i = 0; i < in->nr; i++) {
		if (in->v[i].size <= 0)
			continue;
		k[nk].i = i;
		k[nk].kind = in->v[i].kind;
		k[nk].size = in->v[i].size;
		nk++;
	}
	/* only files sharing kind and size with another need their head read */
	qsort(k, nk, sizeof(*k), by_copy_key);
	for (size_t a = 0, b; a < nk; a = b) {
		for (b = a + 1; b < nk && k[b].kind == k[a].kind && k[b].size == k[a].size; b++)
			;
		if (b - a > 1)
			for (size_t j = a; j < b; j++)
				k[j].head = head_hash(in->v[k[j].i].path);
	}
	qsort(k, nk, sizeof(*k), by_copy_key);
	for (size_t a = 0, b; a < nk; a = b) {
		for (b = a + 1; b < nk && by_copy_key(&k[a], &k[b]) < 0 &&
		     k[b].kind == k[a].kind && k[b].size == k[a].size && k[b].head == k[a].head; b++)
			;
		/* within a group, in path order: the first of each set of
		 * identical files is the original */
		for (size_t j = a + 1; j < b; j++)
			for (size_t o = a; o < j; o++)
				if (!copy_of[k[o].i] &&
				    ts_load_same_content(in->v[k[o].i].path, in->v[k[j].i].path)) {
					copy_of[k[j].i] = &in->v[k[o].i];
					break;
				}
	}
	free(k);
	return copy_of;
}

/* ==== plan: what the previous run read (--db), what to read now ==== */

struct plan {
	const struct ts_input **copy_of;  /* per input: an earlier one with the
	                                     same bytes, or NULL */
	struct ts_prior *prior;           /* the previous run's files, by path */
	size_t nprior;
	unsigned char *seen;              /* prior[i] is still in the folder */
	int dirty[TS_KIND_OTHER + 1];     /* kinds to read again as a group */
	int want_hash;                    /* the store keeps hashes (--db) */
};

static struct ts_prior *prior_of(struct plan *p, const struct ts_input *x)
{
	size_t lo = 0, hi = p->nprior;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(p->prior[mid].path, x->rel);
		if (c == 0) {
			p->seen[mid] = 1;
			return &p->prior[mid];
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The file as it was when the store read it: same kind, size and mtime,
 * and still a copy (or still not one). */
static int unchanged(const struct ts_prior *p, const struct ts_input *x, int is_copy)
{
	long long ns = (long long)x->mtime.tv_sec * 1000000000LL + x->mtime.tv_nsec;

	return p && strcmp(p->kind, ts_store_kind_name(x->kind)) == 0 &&
	       p->size == x->size && p->mtime_ns == ns &&
	       (strcmp(p->status, "copy") == 0) == is_copy;
}

/* Which kinds must be read again: a kind group is dirty when one of its
 * files is new, changed or gone; synthesis also when the JSON is (rows
 * without device_type take the specs'). Forget what will be reread. */
static int plan_make(struct plan *p, struct ts_store *s, const struct ts_inputs *in)
{
	memset(p, 0, sizeof(*p));
	p->copy_of = find_copies(in);
	p->want_hash = ts_store_is_file(s);
	if (ts_store_prior_files(s, &p->prior, &p->nprior) < 0)
		return -1;
	p->seen = ts_xcalloc(p->nprior ? p->nprior : 1, 1);
	for (size_t i = 0; i < in->nr; i++) {
		const struct ts_input *x = &in->v[i];
		if (!unchanged(prior_of(p, x), x, p->copy_of[i] != NULL))
			p->dirty[x->kind] = 1;
	}
	for (size_t i = 0; i < p->nprior; i++) {
		if (p->seen[i])
			continue;
		for (int k = 0; k < TS_KIND_OTHER; k++)
			if (strcmp(p->prior[i].kind, ts_store_kind_name((enum ts_kind)k)) == 0)
				p->dirty[k] = 1;
		if (ts_store_forget_path(s, p->prior[i].path) < 0)
			return -1;
	}
	p->dirty[TS_KIND_ANALYSIS] |= p->dirty[TS_KIND_SPECS];
	p->dirty[TS_KIND_SPECS] |= p->dirty[TS_KIND_ANALYSIS];
	p->dirty[TS_KIND_SYNTHESIS] |= p->dirty[TS_KIND_SPECS];
	for (int k = TS_KIND_SYNTHESIS; k <= TS_KIND_ANALYSIS; k++)
		if (k != TS_KIND_REALTIME && p->dirty[k] && ts_store_forget_kind(s, (enum ts_kind)k) < 0)
			return -1;
	return 0;
}

static void plan_release(struct plan *p)
{
	ts_store_free_prior(p->prior, p->nprior);
	free(p->seen);
	free(p->copy_of);
}

/* Print and count again what reading an unchanged file did last time. */
static void replay(const struct ts_prior *p, enum ts_kind kind,
		   struct ts_load_totals *tot, struct ts_diag *d)
{
	ts_diag_replay(d, &p->counts, p->messages, strlen(p->messages));
	tot->rows_skipped += (unsigned long long)p->rows_skipped;
	if (strcmp(p->status, "read") != 0) {   /* skipped, or a copy */
		tot->files_skipped++;
		return;
	}
	tot->files_read++;
	if (kind == TS_KIND_SYNTHESIS)
		tot->synthesis_rows += (unsigned long long)p->rows_used;
	else if (kind == TS_KIND_REALTIME)
		tot->realtime_rows += (unsigned long long)p->rows_used;
}

/* ==== JSON and synthesis files, on this thread ==== */

/* Print what a file's reading said (captured in c) and keep it in the
 * store for a re-run. */
static void keep_messages(struct ts_store *s, struct ts_diag *d, const char *path,
			  struct ts_diag_capture *c)
{
	ts_diag_replay(d, NULL, c->text, c->len);
	ts_store_file_log(s, path, c->text, c->text ? c->len : 0, &c->counts);
	free(c->text);
}

/* A copy of an earlier file: one message, and remembered as such. */
static void load_copy(struct ts_store *s, const struct ts_input *x,
		      const struct ts_input *first, struct ts_load_totals *tot,
		      struct ts_diag *d)
{
	long long id;

	ts_diag_warn(d, TS_DROP_FILE, x->rel, 0,
		     "same content as %s (file skipped: counted once)", first->rel);
	tot->files_skipped++;
	if (ts_store_begin(s) < 0)
		return;
	id = ts_store_add_file(s, x);
	if (id < 0 || ts_store_file_status(s, id, "copy", 0, 0, 0) < 0 || ts_store_commit(s) < 0)
		ts_store_rollback(s);
}

static void load_synthesis(struct ts_store *s, const struct ts_input *x,
			   struct ts_load_totals *tot, struct ts_diag *d)
{
	/* a row without device_type takes the specs' (loaded before) */
	char *device = ts_store_specs_device(s, x->tier);

	ts_load_synthesis(s, x, device ? device : "unknown", tot, d);
	free(device);
}

/* Read one JSON or synthesis file (or note it as a copy). */
static void load_one(struct ts_store *s, const struct ts_input *x,
		     const struct ts_input *first, struct ts_load_totals *tot,
		     struct ts_diag *d)
{
	struct ts_diag_capture c;

	ts_diag_capture_begin(d, &c);
	if (first)
		load_copy(s, x, first, tot, d);
	else if (x->kind == TS_KIND_SYNTHESIS)
		load_synthesis(s, x, tot, d);
	else
		ts_specs_load(s, x, tot, d);
	ts_diag_capture_end(d, &c);
	keep_messages(s, d, x->rel, &c);
	ts_progress_file();
}

/* Every file of one kind, in path order: read, or replayed. */
static void load_kind(struct ts_store *s, const struct ts_inputs *in, struct plan *p,
		      enum ts_kind kind, struct ts_load_totals *tot, struct ts_diag *d,
		      struct ts_ingest_report *rep)
{
	for (size_t i = 0; i < in->nr; i++) {
		const struct ts_input *x = &in->v[i];
		if (x->kind != kind)
			continue;
		if (p->dirty[kind]) {
			load_one(s, x, p->copy_of[i], tot, d);
			if (!p->copy_of[i]) {
				rep->files_parsed++;
				rep->bytes_parsed += (unsigned long long)x->size;
			}
		} else {
			replay(prior_of(p, x), kind, tot, d);
			rep->files_replayed++;
		}
	}
}

/* ==== realtime files on the pool ==== */

/* A realtime file, or one segment of it, parsed on a pool thread: its
 * result and messages wait here until this thread merges and stores them
 * in path order. */
struct rt_job {
	const struct ts_input *in;
	const struct ts_input *copy_of;  /* same bytes as this earlier file */
	const struct ts_prior *reuse;    /* unchanged since the last run */
	int want_hash;                   /* hash its bytes (--db) */
	/* a big file is several jobs (see ts_load_rt_cuts): its segments */
	size_t nseg;                     /* 1: the whole file; n > 1: the first
	                                    of its n segments; 0: a later one */
	long long start, end;            /* a segment's bytes (end 0: to EOF) */
	size_t first;                    /* the index of the file's first job */
	atomic_size_t pending;           /* on the first job: segments not done */
	/* on the first job: the partner's requests (reqspan.h), read by the
	 * first of the file's jobs to start, under reqs_lock */
	const struct ts_inputs *all;     /* every input, for the partner */
	const struct ts_input *const *copies;  /* the plan's copy_of */
	pthread_mutex_t reqs_lock;
	int reqs_read;
	struct ts_reqs reqs;
	struct ts_rt_parsed r;
	struct ts_diag d;                /* this job's own, printing nowhere */
	struct ts_diag_capture said;     /* what it printed and counted */
};

struct rt_jobs {
	struct rt_job *v;
	size_t nr, alloc;
};

static struct rt_job *new_job(struct rt_jobs *j, const struct ts_input *x)
{
	struct rt_job *job;

	TS_GROW(j->v, j->nr + 1, j->alloc);
	job = &j->v[j->nr];
	memset(job, 0, sizeof(*job));
	job->in = x;
	job->first = j->nr++;
	return job;
}

/* One job per realtime file to read, and one per later segment of a big
 * one (not with --db: a file's hash takes its bytes in order). */
static int plan_realtime(struct rt_jobs *j, struct ts_store *s, const struct ts_inputs *in,
			 struct plan *p, struct ts_ingest_report *rep)
{
	long long *cuts = NULL;
	size_t alloc_cuts = 0;

	memset(j, 0, sizeof(*j));
	for (size_t i = 0; i < in->nr; i++) {
		const struct ts_input *x = &in->v[i];
		struct ts_prior *old;
		struct rt_job *job;
		size_t ncuts = 0, first;
		if (x->kind != TS_KIND_REALTIME)
			continue;
		job = new_job(j, x);
		first = job->first;
		job->copy_of = p->copy_of[i];
		job->want_hash = p->want_hash;
		old = prior_of(p, x);
		/* its split into during and idle depends on its partner: a
		 * synthesis group read again makes every realtime file read
		 * again (README "Synthesis against idle") */
		if (!p->dirty[TS_KIND_SYNTHESIS] && unchanged(old, x, job->copy_of != NULL)) {
			job->reuse = old;
			rep->files_replayed++;
		} else if (old && ts_store_forget_path(s, x->rel) < 0) {
			free(cuts);
			return -1;
		}
		if (!job->reuse && !job->copy_of) {
			rep->files_parsed++;
			rep->bytes_parsed += (unsigned long long)x->size;
		}
		if (!job->reuse && !job->copy_of && !job->want_hash) {
			size_t max = (size_t)(x->size / TS_RT_SEGMENT) + 1;
			TS_GROW(cuts, max, alloc_cuts);
			ncuts = ts_load_rt_cuts(x, cuts, max);
		}
		job->nseg = ncuts + 1;
		job->end = ncuts ? cuts[0] : 0;
		atomic_init(&job->pending, ncuts + 1);
		job->all = in;
		job->copies = p->copy_of;
		for (size_t c = 0; c < ncuts; c++) {
			job = new_job(j, x);
			job->first = first;
			job->start = cuts[c];
			job->end = c + 1 < ncuts ? cuts[c + 1] : 0;
		}
	}
	free(cuts);
	return 0;
}

/* The requests of the file's partner, read once for all its jobs. */
static const struct ts_reqs *file_reqs(struct rt_job *first)
{
	pthread_mutex_lock(&first->reqs_lock);
	if (!first->reqs_read) {
		ts_reqs_read(&first->reqs, first->all, first->copies, first->in);
		first->reqs_read = 1;
	}
	pthread_mutex_unlock(&first->reqs_lock);
	return &first->reqs;
}

/* j is one job of a file whose first job is `first`. */
static void parse_job(struct rt_job *j, struct rt_job *first)
{
	const struct ts_reqs *q = file_reqs(first);

	ts_diag_init(&j->d, NULL);
	ts_diag_capture_begin(&j->d, &j->said);
	if (j->nseg == 1)
		ts_load_realtime_parse_req(j->in, j->want_hash, q, &j->r, &j->d);
	else
		ts_load_realtime_segment_req(j->in, j->start, j->end, q, &j->r, &j->d);
	ts_diag_capture_end(&j->d, &j->said);
}

/* The pool's job function. */
static void parse_realtime(void *ctx, size_t i)
{
	struct rt_job *jobs = ctx, *j = &jobs[i];

	if (j->copy_of || j->reuse)
		return;
	parse_job(j, &jobs[j->first]);
	/* the file is done when its last segment is */
	if (atomic_fetch_sub(&jobs[j->first].pending, 1) == 1)
		ts_progress_file();
}

/* ==== merge ==== */

/* The n segments of a file, from *j on, become one result in *j; or, when
 * they cannot stand for the file, it is read again, whole, here. */
static void merge_segments(struct rt_job *j)
{
	size_t n = j->nseg;
	struct ts_rt_parsed **seg = ts_xcalloc(n, sizeof(*seg));
	struct ts_diag_capture tail;
	int rc;

	for (size_t k = 0; k < n; k++)
		seg[k] = &j[k].r;
	/* what the merge says follows what the first segment said */
	ts_diag_capture_begin(&j->d, &tail);
	rc = ts_load_realtime_merge(j->in, seg, n, &j->d);
	ts_diag_capture_end(&j->d, &tail);
	for (size_t k = 1; k < n; k++) {
		free(j[k].said.text);
		j[k].said.text = NULL;
		ts_rt_parsed_release(&j[k].r);   /* merged into j->r, or not wanted */
	}
	free(seg);
	j->nseg = 1;
	if (rc == 0) {
		j->said.text = ts_xrealloc(j->said.text, j->said.len + tail.len + 1);
		if (tail.len)
			memcpy(j->said.text + j->said.len, tail.text, tail.len);
		j->said.len += tail.len;
		ts_diag_counts_add(&j->said.counts, &tail.counts);
		free(tail.text);
		return;
	}
	free(tail.text);
	free(j->said.text);
	ts_rt_parsed_release(&j->r);
	parse_job(j, j);   /* whole again: nothing of the segments is said */
}

/* ==== store ==== */

static void store_realtime(struct ts_store *s, struct rt_job *j,
			   struct ts_load_totals *tot, struct ts_diag *d)
{
	if (j->reuse) {
		replay(j->reuse, TS_KIND_REALTIME, tot, d);
	} else if (j->copy_of) {
		load_one(s, j->in, j->copy_of, tot, d);
	} else {
		ts_diag_replay(d, &j->said.counts, j->said.text, j->said.len);
		ts_load_realtime_store(s, j->in, &j->r, tot);
		ts_store_file_log(s, j->in->rel, j->said.text, j->said.text ? j->said.len : 0,
				  &j->said.counts);
		free(j->said.text);
		j->said.text = NULL;
		ts_rt_parsed_release(&j->r);
	}
}

/* ==== the whole folder ==== */

static void start_progress(const struct rt_jobs *j, const struct ts_inputs *in,
			   const struct plan *p)
{
	unsigned long long bytes = 0;
	unsigned long files = 0;

	for (size_t i = 0; i < j->nr; i++)
		if (j->v[i].nseg && !j->v[i].reuse && !j->v[i].copy_of) {
			bytes += (unsigned long long)j->v[i].in->size;
			files++;
		}
	for (size_t i = 0; i < in->nr; i++)
		if (in->v[i].kind != TS_KIND_REALTIME && p->dirty[in->v[i].kind] && !p->copy_of[i]) {
			bytes += (unsigned long long)in->v[i].size;
			files++;
		}
	ts_progress_start(bytes, files);
}

int ts_ingest(struct ts_store *s, const struct ts_inputs *in,
	      struct ts_load_totals *tot, struct ts_diag *d,
	      struct ts_ingest_report *rep,
	      ts_ingest_between_fn between, void *between_ctx)
{
	struct plan p;
	struct rt_jobs jobs = { NULL, 0, 0 };
	struct ts_diag_capture later = { 0 };
	struct ts_pool *pool;
	unsigned threads;
	double t = now_s();
	int rc = -1, mutexes = 0;

	memset(rep, 0, sizeof(*rep));
	if (plan_make(&p, s, in) < 0 || plan_realtime(&jobs, s, in, &p, rep) < 0)
		goto out;
	for (size_t k = 0; k < jobs.nr; k++)   /* not moved from now on */
		pthread_mutex_init(&jobs.v[k].reqs_lock, NULL);
	mutexes = 1;
	start_progress(&jobs, in, &p);
	/* As many helpers as cores, while this thread reads the synthesis
	 * files and computes their statistics; then it only waits: joining
	 * in, it could take the last big file alone after the others are
	 * done (4 files of 250 MB: 1.84 -> 1.70 s; 32 of 30 MB: the same). */
	threads = ts_pool_default_threads();
	pool = ts_pool_start(jobs.nr, threads > 1 ? threads : 0, parse_realtime, jobs.v);
	load_kind(s, in, &p, TS_KIND_SPECS, tot, d, rep);
	rep->specs_s = lap(&t);
	load_kind(s, in, &p, TS_KIND_ANALYSIS, tot, d, rep);
	rep->analysis_s = lap(&t);
	load_kind(s, in, &p, TS_KIND_SYNTHESIS, tot, d, rep);
	rep->synthesis_s = lap(&t);
	if (between) {
		ts_diag_capture_begin(d, &later);   /* said after the realtime files */
		between(between_ctx, d);
		ts_diag_capture_end(d, &later);
		rep->between_s = lap(&t);
	}
	ts_pool_wait(pool);
	ts_progress_end();
	for (size_t k = 0; k < jobs.nr; k++) {
		if (jobs.v[k].nseg > 1)
			merge_segments(&jobs.v[k]);
		if (jobs.v[k].nseg)
			store_realtime(s, &jobs.v[k], tot, d);
	}
	ts_diag_replay(d, NULL, later.text, later.len);
	rep->realtime_s = lap(&t);
	rc = 0;
out:
	free(later.text);
	plan_release(&p);
	for (size_t k = 0; k < jobs.nr; k++) {
		free(jobs.v[k].said.text);   /* a segment of a run cut short */
		ts_rt_parsed_release(&jobs.v[k].r);
		ts_reqs_release(&jobs.v[k].reqs);
		if (mutexes)
			pthread_mutex_destroy(&jobs.v[k].reqs_lock);
	}
	free(jobs.v);
	return rc;
}
