/* reqspan.h - realtime samples during requests and between them (issue
 * 15 item 3).
 *
 * A realtime file's samples are judged against the requests of its
 * partner, the synthesis file README decision 6 pairs it with: a sample
 * at time t is "during" when some row's start_time <= t <= end_time
 * (both finite, end not before start), else "idle". Per phase the
 * memory_mb and cpu_percent samples are summed (compensated), memory's
 * greatest kept; per request the same over its own samples (a sample in
 * two overlapping requests counts for both, and once for "during").
 * A file without a partner is judged against nothing: no phase at all.
 *
 * Calling sequence: ts_reqs_read() (load_req.c) fills a set from the
 * partner file; a scanner ts_span_init()s its accumulator for the set
 * and ts_span_add()s every sample it keeps, in any order; segments of one
 * file, each with its own accumulator over the same set, are merged in
 * file order with ts_span_merge(). Pure but for ts_reqs_read(): no I/O,
 * no global state; one thread per accumulator, a set read-only once
 * filled (several scanners may share it).
 */
#ifndef TS_REQSPAN_H
#define TS_REQSPAN_H

#include "ts.h"
#include "scan.h"
#include "stats.h"

/* One request: the synthesis row's interval and where it is. */
struct ts_req {
	double start, end;      /* Unix s, start <= end, both finite */
	long line;              /* the row's physical line in its file */
};

/* The requests of one synthesis file, by start (then line). */
struct ts_reqs {
	char *partner;          /* its path relative to the metrics folder,
	                           NULL: no partner (then nr is 0) */
	struct ts_req *v;
	double *max_end;        /* max_end[i]: the latest end of v[0..i] */
	size_t *up;             /* up[i]: the last j < i whose end is later
	                           than v[i]'s, or SIZE_MAX (the walk of
	                           ts_span_add jumps over those between: a
	                           long request over many short ones costs
	                           one step, not one per short one) */
	size_t nr;
};

/* Memory and CPU over some samples. */
struct ts_phase {
	unsigned long long n;                 /* samples, with values or not */
	unsigned long long n_memory, n_cpu;   /* finite values */
	struct ts_ksum memory, cpu;           /* their compensated sums */
	double memory_max;                    /* NAN: none */
};

enum { TS_SPAN_DURING, TS_SPAN_IDLE, TS_SPAN_COUNT };

struct ts_span {
	const struct ts_reqs *q;              /* borrowed; NULL: not judged */
	struct ts_phase phase[TS_SPAN_COUNT];
	struct ts_phase *req;                 /* per request of q, in q's order
	                                         (NULL while q has none) */
	size_t hint;                          /* where the last sample fell */
};

/* The requests of realtime file rt's partner among the inputs `in`
 * (copy_of[i]: an earlier input with input i's bytes, or NULL), chosen by
 * name as tiers.c partner() chooses: the synthesis file with the same
 * stem, else the first in path order with the same <tier>_<stamp>; a
 * candidate that is a copy, cannot be read or has no row of its header's
 * shape is passed over. Every row of the header's shape whose start_time
 * and end_time are numbers with start <= end is a request (failed ones
 * too). Fills q (zeroed first; q->partner NULL: none) and indexes it.
 * Reads files, says nothing; any thread. */
void ts_reqs_read(struct ts_reqs *q, const struct ts_inputs *in,
		  const struct ts_input *const *copy_of, const struct ts_input *rt);
/* Sort the nr requests of q->v (filled by the caller) and index them. */
void ts_reqs_index(struct ts_reqs *q);
void ts_reqs_release(struct ts_reqs *q);

void ts_phase_init(struct ts_phase *p);
/* Add what b holds to a (b's sums after a's: merge in file order). */
void ts_phase_merge(struct ts_phase *a, const struct ts_phase *b);

/* Start an accumulator over q (NULL: samples are not judged). */
void ts_span_init(struct ts_span *s, const struct ts_reqs *q);
/* A kept sample at Unix time t, its memory_mb and cpu_percent (NAN:
 * the row has none). */
void ts_span_add(struct ts_span *s, double t, double memory, double cpu);
/* b's samples after a's (the same set); b is left empty. */
void ts_span_merge(struct ts_span *a, struct ts_span *b);
void ts_span_release(struct ts_span *s);

#endif /* TS_REQSPAN_H */
