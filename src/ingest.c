/* ingest.c - bring every input file of a scan into the store (see
 * ingest.h). */
#include "ts.h"
#include "ingest.h"
#include "mem.h"
#include "pool.h"
#include "progress.h"
#include "specs.h"

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

/* ==== what the previous run read (--db) ==== */

struct prior {
	struct ts_prior *v;       /* sorted by path */
	size_t nr;
	unsigned char *seen;      /* v[i] is still in the folder */
};

static struct ts_prior *prior_of(struct prior *p, const struct ts_input *x)
{
	size_t lo = 0, hi = p->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(p->v[mid].path, x->rel);
		if (c == 0) {
			p->seen[mid] = 1;
			return &p->v[mid];
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

/* Print and count again what reading an unchanged file did last time. */
static void replay(const struct ts_prior *p, enum ts_kind kind,
		   struct ts_load_totals *tot, struct ts_diag *d)
{
	ts_diag_merge(d, &p->counts, p->messages, strlen(p->messages));
	if (strcmp(p->status, "read") != 0) {
		tot->files_skipped++;
		return;
	}
	tot->files_read++;
	if (kind == TS_KIND_SYNTHESIS)
		tot->synthesis_rows += (unsigned long long)p->rows_used;
	else if (kind == TS_KIND_REALTIME)
		tot->realtime_rows += (unsigned long long)p->rows_used;
	tot->rows_skipped += (unsigned long long)p->rows_skipped;
}

/* ==== messages of one file, printed and kept ==== */

struct capture {
	FILE *out, *mem;
	char *buf;
	size_t len;
	struct ts_diag before;
};

static void capture_begin(struct capture *c, struct ts_diag *d)
{
	memset(c, 0, sizeof(*c));
	c->before = *d;
	c->out = d->out;
	c->mem = open_memstream(&c->buf, &c->len);
	if (c->mem)
		d->out = c->mem;
}

/* The counters of `after` less those of `before`. */
static struct ts_diag counts_since(const struct ts_diag *after, const struct ts_diag *before)
{
	struct ts_diag x;

	memset(&x, 0, sizeof(x));
	x.n_note = after->n_note - before->n_note;
	x.n_warning = after->n_warning - before->n_warning;
	x.n_error = after->n_error - before->n_error;
	x.cells_dropped = after->cells_dropped - before->cells_dropped;
	x.rows_dropped = after->rows_dropped - before->rows_dropped;
	x.files_dropped = after->files_dropped - before->files_dropped;
	return x;
}

static void capture_end(struct capture *c, struct ts_diag *d, struct ts_store *s,
			const char *path)
{
	struct ts_diag delta = counts_since(d, &c->before);

	if (c->mem) {
		fclose(c->mem);
		d->out = c->out;
		if (c->len && d->out)
			fwrite(c->buf, 1, c->len, d->out);
	}
	ts_store_file_log(s, path, c->buf, c->buf ? c->len : 0, &delta);
	free(c->buf);
}

/* A copy of an earlier file: one message, and remembered as such. */
static void load_copy(struct ts_store *s, const struct ts_input *x,
		      const struct ts_input *first, struct ts_load_totals *tot,
		      struct ts_diag *d)
{
	long long id;

	ts_diag_report(d, TS_WARNING, TS_DROP_FILE, x->rel, 0, 0,
		       "same content as %s (file skipped: counted once)", first->rel);
	tot->files_skipped++;
	if (ts_store_begin(s) < 0)
		return;
	id = ts_store_add_file(s, x);
	if (id < 0 || ts_store_file_status(s, id, "copy", 0, 0, 0) < 0 || ts_store_commit(s) < 0)
		ts_store_rollback(s);
}

/* Read one JSON or synthesis file (or note it as a copy), keeping its
 * messages in the store. */
static void load_one(struct ts_store *s, const struct ts_input *x,
		     const struct ts_input *first, struct ts_load_totals *tot,
		     struct ts_diag *d)
{
	struct capture c;

	capture_begin(&c, d);
	if (first)
		load_copy(s, x, first, tot, d);
	else if (x->kind == TS_KIND_SYNTHESIS)
		ts_load_csv(s, x, tot, d);
	else
		ts_specs_load(s, x, tot, d);
	capture_end(&c, d, s, x->rel);
	ts_progress_file();
}

/* ==== realtime files on the pool ==== */

/* A realtime file parsed on a pool thread: its result and messages wait
 * here until the main thread merges them in path order. */
struct rt_job {
	const struct ts_input *in;
	const struct ts_input *copy_of;  /* same bytes as this earlier file */
	const struct ts_prior *reuse;    /* unchanged since the last run */
	int want_hash;                   /* the store keeps hashes (--db) */
	/* a big file is several jobs (see ts_load_rt_cuts): its segments */
	size_t nseg;                     /* 1: the whole file; n > 1: the first
	                                    of its n segments; 0: a later one */
	long long start, end;            /* a segment's bytes (end 0: to EOF) */
	size_t first;                    /* the index of the file's first job */
	atomic_size_t pending;           /* on the first job: segments not done */
	struct ts_rt_parsed r;
	struct ts_diag d;
	char *text;                      /* the messages it printed */
	size_t len;
};

static void parse_job(struct rt_job *j)
{
	FILE *fp = open_memstream(&j->text, &j->len);

	ts_diag_init(&j->d, fp);
	if (j->nseg == 1)
		ts_load_realtime_parse(j->in, j->want_hash, &j->r, &j->d);
	else
		ts_load_realtime_segment(j->in, j->start, j->end, &j->r, &j->d);
	if (fp)
		fclose(fp);
}

static void parse_realtime(void *ctx, size_t i)
{
	struct rt_job *j = &((struct rt_job *)ctx)[i];

	if (j->copy_of || j->reuse)
		return;
	parse_job(j);
	/* the file is done when its last segment is */
	if (atomic_fetch_sub(&((struct rt_job *)ctx)[j->first].pending, 1) == 1)
		ts_progress_file();
}

/* The n segments of a file, from *j on, become one result in *j; or, when
 * they cannot stand for the file, it is read again, whole, here. */
static void merge_segments(struct rt_job *j)
{
	size_t n = j->nseg;
	struct ts_rt_parsed **seg = ts_xcalloc(n, sizeof(*seg));
	char *tail = NULL;
	size_t tail_len = 0;
	FILE *fp = open_memstream(&tail, &tail_len);
	int rc = -1;

	for (size_t k = 0; k < n; k++)
		seg[k] = &j[k].r;
	if (fp) {
		j->d.out = fp;   /* what the merge says follows the first segment's */
		rc = ts_load_realtime_merge(j->in, seg, n, &j->d);
		fclose(fp);
		j->d.out = NULL;
	}
	for (size_t k = 1; k < n; k++) {
		free(j[k].text);
		j[k].text = NULL;
	}
	free(seg);
	j->nseg = 1;
	if (rc == 0) {
		j->text = ts_xrealloc(j->text, j->len + tail_len + 1);
		memcpy(j->text + j->len, tail, tail_len);
		j->len += tail_len;
		free(tail);
		return;
	}
	free(tail);
	free(j->text);
	j->text = NULL;
	j->len = 0;
	parse_job(j);
}

static void store_realtime(struct ts_store *s, struct rt_job *j,
			   struct ts_load_totals *tot, struct ts_diag *d)
{
	if (j->reuse) {
		replay(j->reuse, TS_KIND_REALTIME, tot, d);
	} else if (j->copy_of) {
		load_one(s, j->in, j->copy_of, tot, d);
	} else {
		ts_diag_merge(d, &j->d, j->text, j->len);
		ts_load_realtime_store(s, j->in, &j->r, tot);
		ts_store_file_log(s, j->in->rel, j->text, j->text ? j->len : 0, &j->d);
		free(j->text);
	}
}

/* ==== the whole folder ==== */

/* Which kinds must be read again: a kind group is dirty when one of its
 * files is new, changed or gone; synthesis also when the JSON is (rows
 * without device_type take the specs'). Forget what will be reread. */
static int plan(struct ts_store *s, const struct ts_inputs *in,
		const struct ts_input **copy_of, struct prior *p, int dirty[])
{
	for (size_t i = 0; i < in->nr; i++) {
		const struct ts_input *x = &in->v[i];
		if (!unchanged(prior_of(p, x), x, copy_of[i] != NULL))
			dirty[x->kind] = 1;
	}
	for (size_t i = 0; i < p->nr; i++) {
		if (p->seen[i])
			continue;
		for (int k = 0; k < TS_KIND_OTHER; k++)
			if (strcmp(p->v[i].kind, ts_store_kind_name((enum ts_kind)k)) == 0)
				dirty[k] = 1;
		if (ts_store_forget_path(s, p->v[i].path) < 0)
			return -1;
	}
	dirty[TS_KIND_ANALYSIS] |= dirty[TS_KIND_SPECS];
	dirty[TS_KIND_SPECS] |= dirty[TS_KIND_ANALYSIS];
	dirty[TS_KIND_SYNTHESIS] |= dirty[TS_KIND_SPECS];
	for (int k = TS_KIND_SYNTHESIS; k <= TS_KIND_ANALYSIS; k++)
		if (k != TS_KIND_REALTIME && dirty[k] && ts_store_forget_kind(s, (enum ts_kind)k) < 0)
			return -1;
	return 0;
}

int ts_ingest(struct ts_store *s, const struct ts_inputs *in,
	      struct ts_load_totals *tot, struct ts_diag *d,
	      double seconds[TS_INGEST_PHASES],
	      ts_ingest_between_fn between, void *between_ctx)
{
	static const enum ts_kind order[] = {
		TS_KIND_SPECS, TS_KIND_ANALYSIS, TS_KIND_SYNTHESIS,
	};
	struct rt_job *jobs = NULL;
	size_t alloc_jobs = 0;
	long long *cuts = NULL;
	size_t alloc_cuts = 0;
	const struct ts_input **copy_of = find_copies(in);
	struct prior p = { NULL, 0, NULL };
	int dirty[TS_KIND_OTHER + 1] = { 0 };
	size_t nj = 0;
	struct ts_pool *pool;
	unsigned threads;
	double t = now_s();
	int rc = -1;
	char *later = NULL;
	size_t later_len = 0;

	if (ts_store_prior_files(s, &p.v, &p.nr) < 0)
		goto out;
	p.seen = ts_xcalloc(p.nr ? p.nr : 1, 1);
	if (plan(s, in, copy_of, &p, dirty) < 0)
		goto out;
	for (size_t i = 0; i < in->nr; i++) {
		const struct ts_input *x = &in->v[i];
		struct ts_prior *old;
		size_t ncuts = 0;
		if (x->kind != TS_KIND_REALTIME)
			continue;
		TS_GROW(jobs, nj + 1, alloc_jobs);
		memset(&jobs[nj], 0, sizeof(*jobs));
		jobs[nj].in = x;
		jobs[nj].copy_of = copy_of[i];
		jobs[nj].want_hash = ts_store_is_file(s);
		old = prior_of(&p, x);
		if (unchanged(old, x, copy_of[i] != NULL))
			jobs[nj].reuse = old;
		else if (old && ts_store_forget_path(s, x->rel) < 0)
			goto out;
		/* a big file in segments, unless its hash is wanted (--db): that
		 * takes its bytes in order */
		if (!jobs[nj].reuse && !jobs[nj].copy_of && !jobs[nj].want_hash) {
			size_t max = (size_t)(x->size / TS_RT_SEGMENT) + 1;
			TS_GROW(cuts, max, alloc_cuts);
			ncuts = ts_load_rt_cuts(x, cuts, max);
		}
		jobs[nj].nseg = ncuts + 1;
		jobs[nj].end = ncuts ? cuts[0] : 0;
		jobs[nj].first = nj;
		atomic_init(&jobs[nj].pending, ncuts + 1);
		nj++;
		for (size_t c = 0; c < ncuts; c++, nj++) {
			TS_GROW(jobs, nj + 1, alloc_jobs);
			memset(&jobs[nj], 0, sizeof(*jobs));
			jobs[nj].in = x;
			jobs[nj].first = nj - c - 1;
			jobs[nj].start = cuts[c];
			jobs[nj].end = c + 1 < ncuts ? cuts[c + 1] : 0;
		}
	}
	{
		unsigned long long bytes = 0;
		unsigned long files = 0;
		for (size_t i = 0; i < nj; i++)
			if (jobs[i].nseg && !jobs[i].reuse && !jobs[i].copy_of) {
				bytes += (unsigned long long)jobs[i].in->size;
				files++;
			}
		for (size_t i = 0; i < in->nr; i++)
			if (in->v[i].kind != TS_KIND_REALTIME && dirty[in->v[i].kind] && !copy_of[i]) {
				bytes += (unsigned long long)in->v[i].size;
				files++;
			}
		ts_progress_start(bytes, files);
	}
	/* As many helpers as cores, while this thread reads the synthesis
	 * files and computes their statistics; then it only waits: joining
	 * in, it could take the last big file alone after the others are
	 * done (4 files of 250 MB: 1.84 -> 1.70 s; 32 of 30 MB: the same). */
	threads = ts_pool_default_threads();
	pool = ts_pool_start(nj, threads > 1 ? threads : 0, parse_realtime, jobs);
	for (size_t k = 0; k < TS_COUNTOF(order); k++) {
		for (size_t i = 0; i < in->nr; i++) {
			const struct ts_input *x = &in->v[i];
			if (x->kind != order[k])
				continue;
			if (dirty[x->kind])
				load_one(s, x, copy_of[i], tot, d);
			else
				replay(prior_of(&p, x), x->kind, tot, d);
		}
		seconds[k] = now_s() - t;
		t += seconds[k];
	}
	seconds[4] = 0;
	if (between) {
		/* its messages wait for the realtime files' */
		FILE *out = d->out, *mem = open_memstream(&later, &later_len);
		if (mem)
			d->out = mem;
		between(between_ctx, d);
		if (mem) {
			fclose(mem);
			d->out = out;
		}
		seconds[4] = now_s() - t;
		t += seconds[4];
	}
	ts_pool_wait(pool);
	ts_progress_end();
	for (size_t k = 0; k < nj; k++) {
		if (jobs[k].nseg > 1)
			merge_segments(&jobs[k]);
		if (jobs[k].nseg)
			store_realtime(s, &jobs[k], tot, d);
	}
	if (later && later_len && d->out)
		fwrite(later, 1, later_len, d->out);
	seconds[3] = now_s() - t;
	rc = 0;
out:
	free(later);
	ts_store_free_prior(p.v, p.nr);
	free(p.seen);
	for (size_t k = 0; k < nj; k++)
		if (!jobs[k].nseg)
			free(jobs[k].text);   /* a later segment of a run cut short */
	free(jobs);
	free(cuts);
	free(copy_of);
	return rc;
}
