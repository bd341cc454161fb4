/* test_load.c - the two CSV loaders (load.h) on small real files in a
 * temporary folder and a real temporary store.
 *
 * Synthesis (ts_load_synthesis): rows stored and read back, the totals;
 * a bad number (warning, cell unknown), a short row (warning, row left
 * out), a needed column missing (warning with its near miss), a header
 * naming no column (error, file recorded as skipped), a duplicate
 * request_id across two files (warning naming the first place), a file
 * that only repeats another, the fallback device type.
 * Realtime (ts_load_realtime_parse): samples, per-column n, sum, max and
 * the timestamps' min and max, computed by hand; a timestamp going back
 * (a note); a file of a few KB cut in segments (the sanitized build cuts
 * every 64 bytes) merged gives what the whole file gives, note included.
 * Messages are compared byte for byte. */
#include "ts.h"
#include "testutil.h"
#include "load.h"
#include "scan.h"
#include "store.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define HDR "request_id,hardware_tier,device_type,peak_memory_mb,rtf,tokens_per_second," \
	    "total_duration_s,peak_gpu_memory_mb,peak_temperature_c,throttle_detected,success\n"
#define RT_HDR "timestamp,cpu_percent,memory_mb,temperature_c\n"

struct fx {
	char *dir;
	struct tu_diag td;
	struct ts_inputs in;
	struct ts_store *s;
	struct ts_load_totals tot;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	f->dir = tu_mkdtemp();
	tu_diag_init(&f->td);
	f->s = ts_store_open(NULL, &f->td.d);
	assert_non_null(f->s);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	ts_store_close(f->s);
	ts_inputs_release(&f->in);
	tu_diag_release(&f->td);
	tu_rmtree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* The input `rel` of a scan of f->dir (scanned on first use). */
static const struct ts_input *input(struct fx *f, const char *rel)
{
	if (!f->in.nr)
		assert_int_equal(ts_scan_dir(f->dir, &f->in, &f->td.d), 0);
	for (size_t i = 0; i < f->in.nr; i++)
		if (strcmp(f->in.v[i].rel, rel) == 0)
			return &f->in.v[i];
	fail_msg("no input %s", rel);
	return NULL;
}

static int load(struct fx *f, const char *rel, const char *device)
{
	return ts_load_synthesis(f->s, input(f, rel), device, &f->tot, &f->td.d);
}

/* Synthesis rows as read back: rtf and peak memory, success, device. */
struct rows { int n; double rtf[8], mem[8]; int success[8]; char dev[8][16]; };

static int collect(void *ctx, const struct ts_syn_row *r)
{
	struct rows *x = ctx;

	assert_true(x->n < 8);
	x->rtf[x->n] = r->v[0];
	x->mem[x->n] = r->v[1];
	x->success[x->n] = r->success;
	snprintf(x->dev[x->n], sizeof(x->dev[0]), "%s", r->device_type);
	x->n++;
	return 0;
}

static struct rows read_back(struct fx *f)
{
	const enum ts_syn_col cols[] = { TS_SC_RTF, TS_SC_PEAK_MEMORY_MB };
	struct rows x;

	memset(&x, 0, sizeof(x));
	assert_int_equal(ts_store_scan_synthesis(f->s, cols, 2, collect, &x), 0);
	return x;
}

/* The status the store recorded for the only file. */
static void assert_status(struct fx *f, const char *path, const char *status,
			  long long used, long long skipped)
{
	struct ts_prior *p;
	size_t n;
	int found = 0;

	assert_int_equal(ts_store_prior_files(f->s, &p, &n), 0);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(p[i].path, path) != 0)
			continue;
		found = 1;
		assert_string_equal(p[i].status, status);
		assert_int_equal(p[i].rows_used, used);
		assert_int_equal(p[i].rows_skipped, skipped);
	}
	ts_store_free_prior(p, n);
	assert_true(found);
}

static void three_rows_stored(void **state)
{
	struct fx *f = *state;
	struct rows r;

	tu_write_file(f->dir, "synthesis_box_20250101.csv",
		      HDR "a1,box,cpu,100,0.5,20,3,0,50,False,True\n"
		      "a2,box,cpu,200,0.25,40,4,0,60,True,True\n"
		      "a3,box,cpu,300,1,10,5,0,70,False,False\n", (size_t)-1);
	assert_int_equal(load(f, "synthesis_box_20250101.csv", "unknown"), 0);
	assert_string_equal(tu_diag_text(&f->td), "");
	r = read_back(f);
	assert_int_equal(r.n, 3);
	assert_double_rel(r.rtf[0], 0.5, 0);
	assert_double_rel(r.rtf[1], 0.25, 0);
	assert_double_rel(r.rtf[2], 1, 0);
	assert_double_rel(r.mem[2], 300, 0);
	assert_int_equal(r.success[1], 1);
	assert_int_equal(r.success[2], 0);
	assert_string_equal(r.dev[0], "cpu");
	assert_int_equal(f->tot.files_read, 1);
	assert_int_equal(f->tot.files_skipped, 0);
	assert_int_equal(f->tot.synthesis_rows, 3);
	assert_int_equal(f->tot.rows_skipped, 0);
	assert_status(f, "synthesis_box_20250101.csv", "read", 3, 0);
}

/* Line 2: a bad number (the cell is unknown, the row kept); line 3: a
 * row of 3 fields (left out); line 4 fine: 2 rows used, 1 skipped. */
static void bad_number_and_short_row(void **state)
{
	struct fx *f = *state;
	struct rows r;

	tu_write_file(f->dir, "synthesis_b_20250101.csv",
		      HDR "b1,b,cpu,1x0,0.5,20,3,0,50,False,True\n"
		      "b2,b,cpu\n"
		      "b3,b,cpu,300,2,10,5,0,70,False,True\n", (size_t)-1);
	assert_int_equal(load(f, "synthesis_b_20250101.csv", "unknown"), 0);
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: synthesis_b_20250101.csv:2: warning: column 'peak_memory_mb': "
			    "'1x0' is not a number (value left out)\n"
			    "tierstat: synthesis_b_20250101.csv:3: warning: row has 3 fields, "
			    "the header has 11 (row skipped)\n");
	r = read_back(f);
	assert_int_equal(r.n, 2);
	assert_true(isnan(r.mem[0]));
	assert_double_rel(r.rtf[0], 0.5, 0);
	assert_double_rel(r.mem[1], 300, 0);
	assert_int_equal(f->tot.synthesis_rows, 2);
	assert_int_equal(f->tot.rows_skipped, 1);
	assert_int_equal(f->td.d.n.cells, 1);
	assert_int_equal(f->td.d.n.rows, 1);
	assert_status(f, "synthesis_b_20250101.csv", "read", 2, 1);
}

/* " RTF" is not "rtf" (pandas matches exactly) but is named as the near
 * miss; a bad boolean in success counts the row as not successful. */
static void missing_column_near_miss(void **state)
{
	struct fx *f = *state;
	struct rows r;

	tu_write_file(f->dir, "synthesis_n_20250101.csv",
		      "request_id,hardware_tier,device_type,peak_memory_mb, RTF ,tokens_per_second,"
		      "total_duration_s,peak_gpu_memory_mb,peak_temperature_c,throttle_detected,success\n"
		      "n1,n,cpu,100,0.5,20,3,0,50,False,maybe\n", (size_t)-1);
	assert_int_equal(load(f, "synthesis_n_20250101.csv", "unknown"), 0);
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: synthesis_n_20250101.csv:1: warning: column 'rtf' is missing; "
			    "did you mean ' RTF '? (its statistics are unknown)\n"
			    "tierstat: synthesis_n_20250101.csv:2: warning: column 'success': 'maybe' is not "
			    "a boolean (True/False) (row counted as not successful)\n");
	r = read_back(f);
	assert_int_equal(r.n, 1);
	assert_true(isnan(r.rtf[0]));
	assert_int_equal(r.success[0], -1);
}

/* A header naming no column: an error, the file recorded as skipped, no
 * rows; and a ';' file gets its own words. */
static void header_names_nothing(void **state)
{
	struct fx *f = *state;

	tu_write_file(f->dir, "synthesis_x_20250101.csv", "foo,bar\n1,2\n", (size_t)-1);
	tu_write_file(f->dir, "synthesis_y_20250101.csv", "request_id;rtf\na;1,5\n", (size_t)-1);
	assert_int_equal(load(f, "synthesis_x_20250101.csv", "unknown"), -1);
	assert_int_equal(load(f, "synthesis_y_20250101.csv", "unknown"), -1);
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: synthesis_x_20250101.csv:1: error: the header names none of the "
			    "synthesis columns (file skipped)\n"
			    "tierstat: synthesis_y_20250101.csv:1: error: fields are separated by ';' "
			    "(a spreadsheet export?); tierstat reads comma-separated files with '.' "
			    "decimals (file skipped)\n");
	assert_int_equal(read_back(f).n, 0);
	assert_int_equal(f->tot.files_read, 0);
	assert_int_equal(f->tot.files_skipped, 2);
	assert_int_equal(f->td.d.n.files, 2);
	assert_status(f, "synthesis_x_20250101.csv", "skipped", 0, 0);
	assert_status(f, "synthesis_y_20250101.csv", "skipped", 0, 0);
}

/* The same request_id in one tier across two files: the second row is
 * left out, naming where the first is; another tier's is not a dup. A
 * file whose every row repeats one other file: one message for it. */
static void duplicates_across_files(void **state)
{
	struct fx *f = *state;

	tu_write_file(f->dir, "a/synthesis_m_20250101.csv",
		      HDR "x1,m,cpu,100,1,10,3,0,0,False,True\n"
		      "x2,m,cpu,100,1,10,3,0,0,False,True\n", (size_t)-1);
	tu_write_file(f->dir, "b/synthesis_m_20250102.csv",
		      HDR "x3,m,cpu,300,3,10,3,0,0,False,True\n"
		      "x2,m,cpu,900,9,10,3,0,0,False,False\n"
		      "x2,m,cuda,900,9,10,3,0,0,False,False\n", (size_t)-1);
	tu_write_file(f->dir, "c/synthesis_m_20250103.csv",
		      HDR "x1,m,cpu,5,5,10,3,0,0,False,True\n"
		      "x2,m,cpu,5,5,10,3,0,0,False,True\n", (size_t)-1);
	assert_int_equal(load(f, "a/synthesis_m_20250101.csv", "unknown"), 0);
	assert_int_equal(load(f, "b/synthesis_m_20250102.csv", "unknown"), 0);
	assert_int_equal(load(f, "c/synthesis_m_20250103.csv", "unknown"), 0);
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: b/synthesis_m_20250102.csv:3: warning: request_id 'x2' of tier m_cpu "
			    "was already read at a/synthesis_m_20250101.csv:3 (row counted once)\n"
			    "tierstat: c/synthesis_m_20250103.csv: warning: every row repeats a request of "
			    "a/synthesis_m_20250101.csv (file counted once)\n");
	/* a: 2, b: 2 of 3, c: none -> 4 rows, 3 skipped; c, which only
	 * repeats a, counts as a file skipped */
	assert_int_equal(read_back(f).n, 4);
	assert_int_equal(f->tot.synthesis_rows, 4);
	assert_int_equal(f->tot.rows_skipped, 3);
	assert_int_equal(f->tot.files_read, 2);
	assert_int_equal(f->tot.files_skipped, 1);
	assert_status(f, "b/synthesis_m_20250102.csv", "read", 2, 1);
	assert_status(f, "c/synthesis_m_20250103.csv", "skipped", 0, 2);
}

/* Rows without device_type take the fallback: said once per file. */
static void fallback_device(void **state)
{
	struct fx *f = *state;
	struct rows r;

	tu_write_file(f->dir, "synthesis_g_20250101.csv",
		      HDR "g1,g,,100,1,10,3,0,0,False,True\n"
		      "g2,g,,100,1,10,3,0,0,False,True\n"
		      "g3,g,mps,100,1,10,3,0,0,False,True\n", (size_t)-1);
	tu_write_file(f->dir, "synthesis_h_20250101.csv",
		      HDR "h1,h,,100,1,10,3,0,0,False,True\n", (size_t)-1);
	assert_int_equal(load(f, "synthesis_g_20250101.csv", "cuda"), 0);
	assert_int_equal(load(f, "synthesis_h_20250101.csv", "unknown"), 0);
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: synthesis_g_20250101.csv:2: note: no device_type "
			    "(taken as 'cuda' from the hardware specs)\n"
			    "tierstat: synthesis_h_20250101.csv:2: warning: no device_type "
			    "(taken as 'unknown')\n");
	r = read_back(f);
	assert_int_equal(r.n, 4);
	assert_string_equal(r.dev[0], "cuda");
	assert_string_equal(r.dev[1], "cuda");
	assert_string_equal(r.dev[2], "mps");
	assert_string_equal(r.dev[3], "unknown");
	/* a note and a warning that drop nothing */
	assert_int_equal(f->td.d.n.cells + f->td.d.n.rows + f->td.d.n.files, 0);
}

/* METRICS.md section 7: every problem is one line on stderr. Text from
 * the input is quoted (ts_diag_quote), so a tab or a newline in a quoted
 * CSV field never reaches stderr raw. */

/* The near-miss hint quotes the header field: "\trtf\n" is escaped. */
static void near_miss_hint_quoted(void **state)
{
	struct fx *f = *state;

	tu_write_file(f->dir, "synthesis_n_20250101.csv",
		      "request_id,hardware_tier,device_type,peak_memory_mb,\"\trtf\n\",tokens_per_second,"
		      "total_duration_s,peak_gpu_memory_mb,peak_temperature_c,throttle_detected,success\n"
		      "n1,n,cpu,100,0.5,20,3,0,50,False,True\n", (size_t)-1);
	assert_int_equal(load(f, "synthesis_n_20250101.csv", "unknown"), 0);
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: synthesis_n_20250101.csv:1: warning: column 'rtf' is missing; "
			    "did you mean '\\trtf\\n'? (its statistics are unknown)\n");
}

/* The tier key of a duplicate row is quoted: a hardware_tier "m<LF>x"
 * stays on one line, as in the note about the same tier. Lines: the header is
 * line 1, the rows start at 2 and 4 (each holds a newline). */
static void duplicate_key_quoted(void **state)
{
	struct fx *f = *state;

	tu_write_file(f->dir, "synthesis_m_20250101.csv",
		      HDR "q1,\"m\nx\",cpu,1,1,1,1,1,1,False,True\n"
		      "q1,\"m\nx\",cpu,1,1,1,1,1,1,False,True\n", (size_t)-1);
	assert_int_equal(load(f, "synthesis_m_20250101.csv", "unknown"), 0);
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: synthesis_m_20250101.csv:2: note: hardware_tier 'm\\nx' differs "
			    "from the file name's 'm' (the column is used)\n"
			    "tierstat: synthesis_m_20250101.csv:4: warning: request_id 'q1' of tier "
			    "m\\nx_cpu was already read at synthesis_m_20250101.csv:2 (row counted once)\n");
}

/* Rows 2-5; cpu: 10 + 30.5 = 40.5 over 2 values (line 4 empty, line 5
 * bad), max 30.5; memory max 700 of 4; temperature: 40, 42, 41 ('nan'
 * is the monitor's "no reading": no message) max 42; timestamps 100 to
 * 101, 100.25 going back at line 4. Line 6: 2 fields, skipped. */
static void realtime_aggregate(void **state)
{
	struct fx *f = *state;
	struct ts_rt_parsed r;
	const struct ts_rt_col_agg *c = r.agg.col;

	tu_write_file(f->dir, "realtime_box_20250101.csv",
		      RT_HDR "100.0,10,500,40\n100.5,30.5,700,42\n100.25,,650,nan\n"
		      "101.0,bad,600,41\n102,5\n", (size_t)-1);
	ts_load_realtime_parse(input(f, "realtime_box_20250101.csv"), 0, &r, &f->td.d);
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: realtime_box_20250101.csv:4: note: timestamp '100.25' is earlier "
			    "than the one before (samples used as they are)\n"
			    "tierstat: realtime_box_20250101.csv:5: warning: column 'cpu_percent': 'bad' "
			    "is not a number (value left out)\n"
			    "tierstat: realtime_box_20250101.csv:6: warning: row has 2 fields, the header "
			    "has 4 (row skipped)\n");
	assert_true(r.ok);
	assert_int_equal(r.hash, 0);
	assert_int_equal(r.agg.samples, 4);
	assert_int_equal(r.rows_used, 4);
	assert_int_equal(r.rows_skipped, 1);
	assert_int_equal(c[TS_RC_TIMESTAMP].n, 4);
	assert_double_rel(c[TS_RC_TIMESTAMP].min, 100, 0);
	assert_double_rel(c[TS_RC_TIMESTAMP].max, 101, 0);
	assert_int_equal(c[TS_RC_CPU_PERCENT].n, 2);
	assert_double_rel(c[TS_RC_CPU_PERCENT].sum, 40.5, 0);
	assert_double_rel(c[TS_RC_CPU_PERCENT].max, 30.5, 0);
	assert_int_equal(c[TS_RC_MEMORY_MB].n, 4);
	assert_double_rel(c[TS_RC_MEMORY_MB].max, 700, 0);
	assert_int_equal(c[TS_RC_TEMPERATURE_C].n, 3);
	assert_double_rel(c[TS_RC_TEMPERATURE_C].max, 42, 0);
	assert_true(r.went_back);
	/* the envelopes: the samples with a timestamp, in buckets of 1/8 s
	 * from floor(100.0 * 8) = 800 on: 100.25 is bucket 2, 101.0 bucket 8 */
	{
		const struct ts_envelope *m = &r.env[TS_RC_MEMORY_MB], *cpu = &r.env[TS_RC_CPU_PERCENT];
		assert_int_equal(m->scale, -3);
		assert_int_equal(m->first, 800);
		assert_int_equal(m->nr, 9);
		assert_int_equal(m->samples, 4);
		assert_int_equal(m->b[0].n, 1);
		assert_double_rel(m->b[0].max, 500, 0);
		assert_int_equal(m->b[1].n, 0);
		assert_double_rel(m->b[2].min, 650, 0);
		assert_double_rel(m->b[4].min, 700, 0);
		assert_double_rel(ts_env_sum(&m->b[8]), 600, 0);
		assert_int_equal(cpu->nr, 5);             /* 10 at 100.0, 30.5 at 100.5 */
		assert_int_equal(cpu->samples, 2);
		assert_double_rel(ts_env_mean(&cpu->b[4]), 30.5, 0);
		assert_int_equal(r.env[TS_RC_TEMPERATURE_C].samples, 3);   /* nan left out */
		assert_int_equal(r.env[TS_RC_GPU_PERCENT].nr, 0);          /* not a column here */
	}
	/* stored: the totals */
	assert_int_equal(ts_load_realtime_store(f->s, input(f, "realtime_box_20250101.csv"), &r,
						&f->tot), 0);
	assert_int_equal(f->tot.files_read, 1);
	assert_int_equal(f->tot.realtime_rows, 4);
	assert_int_equal(f->tot.rows_skipped, 1);
	assert_status(f, "realtime_box_20250101.csv", "read", 4, 1);
	ts_rt_parsed_release(&r);
}

/* A realtime file naming none of the columns: not ok, recorded skipped. */
static void realtime_unusable(void **state)
{
	struct fx *f = *state;
	struct ts_rt_parsed r;
	const struct ts_input *in;

	tu_write_file(f->dir, "realtime_q_20250101.csv", "a,b\n1,2\n", (size_t)-1);
	in = input(f, "realtime_q_20250101.csv");
	ts_load_realtime_parse(in, 0, &r, &f->td.d);
	assert_false(r.ok);
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: realtime_q_20250101.csv:1: error: the header names none of the "
			    "realtime columns (file skipped)\n");
	assert_int_equal(ts_load_realtime_store(f->s, in, &r, &f->tot), -1);
	assert_int_equal(f->tot.files_skipped, 1);
	assert_status(f, "realtime_q_20250101.csv", "skipped", 0, 0);
	ts_rt_parsed_release(&r);
}

/* 60 rows "T,i,1000,50" with T = 1000.5 + i, but row i = 40 (line 42)
 * at 900.5: cpu n 60, sum 0 + ... + 59 = 1770, max 59; timestamps min
 * 900.5, max 1059.5. About 1 KB: cut in segments of 64 bytes, merged. */
static void segments_merged_as_whole(void **state)
{
	struct fx *f = *state;
	char text[4096], *whole_text;
	size_t len = 0, nw;
	long long cuts[256];
	size_t nc;
	struct ts_rt_parsed whole, seg[257], *p[257];
	struct tu_diag later;
	const struct ts_input *in;

	len += (size_t)snprintf(text, sizeof(text), RT_HDR);
	for (int i = 0; i < 60; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%.1f,%d,1000,50\n",
					i == 40 ? 900.5 : 1000.5 + i, i);
	tu_write_file(f->dir, "realtime_s_20250101.csv", text, len);
	in = input(f, "realtime_s_20250101.csv");
	ts_load_realtime_parse(in, 0, &whole, &f->td.d);
	whole_text = strdup(tu_diag_text(&f->td));
	nw = strlen(whole_text);
	assert_string_equal(whole_text,
			    "tierstat: realtime_s_20250101.csv:42: note: timestamp '900.5' is earlier "
			    "than the one before (samples used as they are)\n");
	nc = ts_load_rt_cuts(in, cuts, 256);
	assert_true(nc > 5);
	tu_diag_init(&later);
	for (size_t k = 0; k <= nc; k++) {
		p[k] = &seg[k];
		ts_load_realtime_segment(in, k ? cuts[k - 1] : 0, k < nc ? cuts[k] : 0, &seg[k],
					 k ? &later.d : &f->td.d);
	}
	assert_string_equal(tu_diag_text(&later), "");   /* a later segment says nothing */
	tu_diag_release(&later);
	assert_int_equal(ts_load_realtime_merge(in, p, nc + 1, &f->td.d), 0);
	/* the merge said the note, with its line, as the whole file did */
	assert_string_equal(tu_diag_text(&f->td) + nw, whole_text);
	free(whole_text);
	assert_true(seg[0].ok);
	assert_int_equal(seg[0].agg.samples, 60);
	assert_int_equal(seg[0].agg.col[TS_RC_CPU_PERCENT].n, 60);
	assert_double_rel(seg[0].agg.col[TS_RC_CPU_PERCENT].sum, 1770, 0);
	assert_double_rel(seg[0].agg.col[TS_RC_CPU_PERCENT].max, 59, 0);
	assert_double_rel(seg[0].agg.col[TS_RC_TIMESTAMP].min, 900.5, 0);
	assert_double_rel(seg[0].agg.col[TS_RC_TIMESTAMP].max, 1059.5, 0);
	assert_double_rel(whole.agg.col[TS_RC_CPU_PERCENT].sum, 1770, 0);
	assert_double_rel(whole.agg.col[TS_RC_TIMESTAMP].min, 900.5, 0);
	assert_int_equal(seg[0].rows_used, whole.rows_used);
	for (int c = 0; c < TS_RC_COUNT; c++)
		assert_true(ts_env_equal(&seg[0].env[c], &whole.env[c]));
	assert_int_equal(seg[0].env[TS_RC_CPU_PERCENT].samples, 60);
	ts_rt_parsed_release(&whole);
	for (size_t k = 0; k <= nc; k++)
		ts_rt_parsed_release(&seg[k]);
}

/* Same bytes in two places: 1; one byte different or missing: 0. */
static void same_content(void **state)
{
	struct fx *f = *state;
	char a[4096], b[4096], c[4096], none[4096];

	tu_write_file(f->dir, "a.csv", "x,y\n1,2\n", (size_t)-1);
	tu_write_file(f->dir, "b.csv", "x,y\n1,2\n", (size_t)-1);
	tu_write_file(f->dir, "c.csv", "x,y\n1,3\n", (size_t)-1);
	tu_pathf(a, sizeof(a), "%s/a.csv", f->dir);
	tu_pathf(b, sizeof(b), "%s/b.csv", f->dir);
	tu_pathf(c, sizeof(c), "%s/c.csv", f->dir);
	tu_pathf(none, sizeof(none), "%s/none.csv", f->dir);
	assert_int_equal(ts_load_same_content(a, b), 1);
	assert_int_equal(ts_load_same_content(a, c), 0);
	assert_int_equal(ts_load_same_content(a, none), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(three_rows_stored, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_number_and_short_row, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_column_near_miss, setup, teardown),
		cmocka_unit_test_setup_teardown(header_names_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(duplicates_across_files, setup, teardown),
		cmocka_unit_test_setup_teardown(fallback_device, setup, teardown),
		cmocka_unit_test_setup_teardown(realtime_aggregate, setup, teardown),
		cmocka_unit_test_setup_teardown(realtime_unusable, setup, teardown),
		cmocka_unit_test_setup_teardown(segments_merged_as_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(same_content, setup, teardown),
		cmocka_unit_test_setup_teardown(near_miss_hint_quoted, setup, teardown),
		cmocka_unit_test_setup_teardown(duplicate_key_quoted, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
