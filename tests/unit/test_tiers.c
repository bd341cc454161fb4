/* test_tiers.c - the pipeline scan -> load -> store -> tiers on real
 * files in a temporary folder and a real in-memory SQLite store, checked
 * against hand-computed numbers and exact diagnostics. */
#include "ts.h"
#include "testutil.h"

#include "ingest.h"
#include "load.h"
#include "scan.h"
#include "specs.h"
#include "store.h"
#include "tiers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define HDR "request_id,hardware_tier,device_type,peak_memory_mb,rtf,tokens_per_second," \
	    "total_duration_s,peak_gpu_memory_mb,peak_temperature_c,throttle_detected,success\r\n"

struct fx {
	char *dir;
	struct tu_diag td;
	struct ts_inputs in;
	struct ts_store *store;
	struct ts_tiers tiers;
	struct ts_load_totals tot;
	long warmup;               /* --warmup for run() */
	const char *by;            /* --by for run(); NULL: none */
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->dir = tu_mkdtemp();
	tu_diag_init(&f->td);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	ts_tiers_release(&f->tiers);
	ts_store_close(f->store);
	ts_inputs_release(&f->in);
	tu_diag_release(&f->td);
	tu_rmtree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* Scan and ingest f->dir, build the tiers, as cmd_analyze does (but
 * for the synthesis statistics being built after the realtime files). */
static void run(struct fx *f)
{
	struct ts_ingest_report rep;

	assert_int_equal(ts_scan_dir(f->dir, &f->in, &f->td.d), 0);
	f->store = ts_store_open(NULL, &f->td.d);
	assert_non_null(f->store);
	assert_int_equal(ts_ingest(f->store, &f->in, &f->tot, &f->td.d, &rep, NULL, NULL), 0);
	if (f->by) {
		struct ts_by by;
		char why[512];
		assert_int_equal(ts_settings_parse_by(f->by, &by, why, sizeof(why)), 0);
		assert_int_equal(ts_tiers_build_synthesis_by(&f->tiers, f->store, f->warmup, &by, &f->td.d), 0);
	} else {
		assert_int_equal(ts_tiers_build_synthesis(&f->tiers, f->store, f->warmup, &f->td.d), 0);
	}
	assert_int_equal(ts_tiers_finish(&f->tiers, f->store, &f->td.d), 0);
}

static const struct ts_tier *tier(struct fx *f, const char *key)
{
	for (size_t i = 0; i < f->tiers.nr; i++)
		if (strcmp(f->tiers.v[i].key, key) == 0)
			return &f->tiers.v[i];
	fail_msg("no tier %s", key);
	return NULL;
}

/* Four rows, one failed; values chosen so the statistics are exact:
 * successful rtf 1, 2, 4 -> mean 7/3, std sqrt(7/3), median 2. */
static void hand_computed_statistics(void **state)
{
	struct fx *f = *state;
	const struct ts_tier *t;

	tu_write_file(f->dir, "synthesis_box_1_20250101_010101.csv",
		      HDR
		      "a1,box_1,cpu,100,1,10,3,0,50,False,True\r\n"
		      "a2,box_1,cpu,200,2,20,4,0,60,True,True\r\n"
		      "a3,box_1,cpu,999,,,30,0,90,True,False\r\n"
		      "a4,box_1,cpu,300,4,40,5,0,55,False,True\r\n", (size_t)-1);
	run(f);
	assert_string_equal(tu_diag_text(&f->td), "");
	assert_int_equal(f->tiers.nr, 1);
	t = tier(f, "box_1_cpu");
	assert_int_equal(t->tests, 4);
	assert_int_equal(t->successful, 3);
	assert_double_rel(t->success_rate, 0.75, 0);
	assert_int_equal(t->metrics[TS_M_RTF].n, 3);
	assert_double_rel(t->metrics[TS_M_RTF].mean, 7.0 / 3.0, 1e-15);
	assert_double_rel(t->metrics[TS_M_RTF].std, sqrt(7.0 / 3.0), 1e-15);
	assert_double_rel(t->metrics[TS_M_RTF].median, 2, 0);
	assert_double_rel(t->metrics[TS_M_RTF].min, 1, 0);
	assert_double_rel(t->metrics[TS_M_RTF].max, 4, 0);
	/* peak memory of successful rows only: 100, 200, 300 */
	assert_double_rel(t->metrics[TS_M_PEAK_MEMORY_MB].mean, 200, 0);
	assert_double_rel(t->metrics[TS_M_PEAK_MEMORY_MB].std, 100, 1e-15);
	/* even n median: durations 3, 4, 5 -> 4; temperatures 50, 60, 55 */
	assert_double_rel(t->metrics[TS_M_TOTAL_DURATION_S].median, 4, 0);
	assert_double_rel(t->metrics[TS_M_PEAK_TEMPERATURE_C].median, 55, 0);
	/* thermal over all rows, the failed one included */
	assert_double_rel(t->max_temperature_c, 90, 0);
	assert_int_equal(t->throttle_events, 2);
	assert_int_equal(t->from, TS_FROM_CSV);
	assert_string_equal(t->label, "box_1_cpu");
	assert_int_equal(t->nr_sources, 1);
	assert_int_equal(ts_diag_exit_status(&f->td.d), TS_EXIT_OK);
}

static void one_value_has_no_std(void **state)
{
	struct fx *f = *state;
	const struct ts_tier *t;

	tu_write_file(f->dir, "synthesis_solo_20250101.csv",
		      HDR "s1,solo,cuda,100,0.25,10,3,500,0,False,True\r\n", (size_t)-1);
	run(f);
	t = tier(f, "solo_cuda");
	assert_int_equal(t->metrics[TS_M_RTF].n, 1);
	assert_double_rel(t->metrics[TS_M_RTF].mean, 0.25, 0);
	assert_true(isnan(t->metrics[TS_M_RTF].std));
	assert_double_rel(t->metrics[TS_M_RTF].median, 0.25, 0);
}

/* The same request_id twice in a tier counts once; in another tier it is
 * not a duplicate. */
static void duplicates_per_tier(void **state)
{
	struct fx *f = *state;

	tu_write_file(f->dir, "a/synthesis_m_20250101.csv",
		      HDR "x1,m,cpu,100,1,10,3,0,0,False,True\r\n", (size_t)-1);
	tu_write_file(f->dir, "b/synthesis_m_20250102.csv",
		      HDR "x2,m,cpu,300,3,10,3,0,0,False,True\r\n"
		      "x1,m,cpu,900,9,10,3,0,0,False,False\r\n", (size_t)-1);
	tu_write_file(f->dir, "synthesis_n_20250101.csv",
		      HDR "x1,n,cpu,100,1,10,3,0,0,False,True\r\n", (size_t)-1);
	run(f);
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: b/synthesis_m_20250102.csv:3: warning: request_id 'x1' of tier m_cpu "
			    "was already read at a/synthesis_m_20250101.csv:2 (row counted once)\n");
	assert_int_equal(tier(f, "m_cpu")->tests, 2);
	assert_double_rel(tier(f, "m_cpu")->metrics[TS_M_RTF].mean, 2, 0);
	assert_double_rel(tier(f, "m_cpu")->max_temperature_c, 0, 0);
	assert_int_equal(tier(f, "n_cpu")->tests, 1);
	assert_int_equal(ts_diag_exit_status(&f->td.d), TS_EXIT_PARTIAL);
}

/* No success column: successful and success_rate unknown, no metric
 * values (METRICS.md section 5, last paragraph). */
static void missing_success_column(void **state)
{
	struct fx *f = *state;
	const struct ts_tier *t;

	tu_write_file(f->dir, "synthesis_q_20250101.csv",
		      "request_id,device_type,rtf\nq1,cpu,1.5\nq2,cpu,2.5\n", (size_t)-1);
	run(f);
	t = tier(f, "q_cpu");
	assert_int_equal(t->tests, 2);
	assert_int_equal(t->successful, -1);
	assert_true(isnan(t->success_rate));
	assert_int_equal(t->metrics[TS_M_RTF].n, 0);
	assert_true(isnan(t->metrics[TS_M_RTF].mean));
	assert_int_equal(t->throttle_events, -1);
	assert_non_null(strstr(tu_diag_text(&f->td),
			       "tierstat: synthesis_q_20250101.csv:1: warning: column 'success' is missing "
			       "(its statistics are unknown)\n"));
	assert_int_equal(ts_diag_exit_status(&f->td.d), TS_EXIT_PARTIAL);
}

/* Realtime: samples, time covered summed per file, cpu mean over every
 * finite sample of every file; paired by stem. */
static void realtime_aggregates(void **state)
{
	struct fx *f = *state;
	const struct ts_realtime *r;

	tu_write_file(f->dir, "synthesis_r_20250101_000001.csv",
		      HDR "r1,r,cpu,100,1,10,3,0,0,False,True\r\n", (size_t)-1);
	tu_write_file(f->dir, "synthesis_r_20250101_000002.csv",
		      HDR "r2,r,cpu,100,1,10,3,0,0,False,True\r\n", (size_t)-1);
	tu_write_file(f->dir, "realtime_r_20250101_000001.csv",
		      "timestamp,cpu_percent,memory_mb,memory_percent,gpu_memory_mb,gpu_percent,temperature_c\r\n"
		      "100.0,0.0,500,1,,,40\r\n100.5,300,700,1,,,42\r\n100.25,,650,1,,,nan\r\n", (size_t)-1);
	tu_write_file(f->dir, "realtime_r_20250101_000002.csv",
		      "cpu_percent,timestamp,memory_mb,temperature_c\n10,200,100,30\n20,202,900,35\n", (size_t)-1);
	run(f);
	/* samples out of order are used as they are, with a note */
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: realtime_r_20250101_000001.csv:4: note: timestamp '100.25' "
			    "is earlier than the one before (samples used as they are)\n");
	r = &tier(f, "r_cpu")->realtime;
	assert_int_equal(r->samples, 5);
	assert_double_rel(r->duration_s, 0.5 + 2.0, 0);
	assert_double_rel(r->col[TS_RC_CPU_PERCENT].mean, (0 + 300 + 10 + 20) / 4.0, 0);
	assert_double_rel(r->col[TS_RC_CPU_PERCENT].max, 300, 0);
	assert_double_rel(r->col[TS_RC_MEMORY_MB].max, 900, 0);
	assert_double_rel(r->col[TS_RC_TEMPERATURE_C].max, 42, 0);
	assert_int_equal(tier(f, "r_cpu")->nr_sources, 4);
	assert_string_equal(tier(f, "r_cpu")->sources[0], "realtime_r_20250101_000001.csv");
}

/* A tier with only analysis_<tier>.json (METRICS.md section 5). */
static void analysis_only_tier(void **state)
{
	struct fx *f = *state;
	const struct ts_tier *t;

	tu_write_file(f->dir, "sub/analysis_ao.json",
		      "{\"hardware_tier\": \"ao\", \"device_type\": \"mps\", \"total_runs\": 10,"
		      " \"successful_runs\": 9, \"success_rate\": 0.9,"
		      " \"memory\": {\"avg_peak_mb\": 4000.5, \"max_peak_mb\": 4100, \"min_peak_mb\": 3900, \"std_dev_mb\": 50},"
		      " \"performance\": {\"avg_rtf\": 2.5, \"avg_tokens_per_sec\": 40, \"avg_duration_s\": 3},"
		      " \"thermal\": {\"max_temperature_c\": 0.0, \"throttle_events\": 0}}", (size_t)-1);
	tu_write_file(f->dir, "hardware_specs_ao.json",
		      "{\"hardware_tier\": \"ao\", \"device_type\": \"mps\", \"display_name\": \"AO Book\","
		      " \"cpu_model\": \"Apple M9\", \"cpu_cores\": 12, \"total_memory_gb\": 24.0}", (size_t)-1);
	run(f);
	t = tier(f, "ao_mps");
	assert_int_equal(t->from, TS_FROM_ANALYSIS_JSON);
	assert_int_equal(t->tests, 10);
	assert_int_equal(t->successful, 9);
	assert_double_rel(t->success_rate, 0.9, 0);
	assert_int_equal(t->metrics[TS_M_PEAK_MEMORY_MB].n, 9);
	assert_double_rel(t->metrics[TS_M_PEAK_MEMORY_MB].mean, 4000.5, 0);
	assert_double_rel(t->metrics[TS_M_PEAK_MEMORY_MB].std, 50, 0);
	assert_true(isnan(t->metrics[TS_M_PEAK_MEMORY_MB].median));
	assert_int_equal(t->metrics[TS_M_RTF].n, -1);
	assert_double_rel(t->metrics[TS_M_RTF].mean, 2.5, 0);
	assert_true(isnan(t->metrics[TS_M_RTF].std));
	assert_int_equal(t->metrics[TS_M_PEAK_GPU_MEMORY_MB].n, -1);
	assert_string_equal(t->label, "AO Book");
	assert_string_equal(t->cpu_model, "Apple M9");
	assert_int_equal(t->cpu_cores, 12);
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: sub/analysis_ao.json: note: no synthesis rows for ao_mps "
			    "(its statistics come from this file)\n");
}

/* CSV wins over analysis JSON; a disagreement beyond the monitor's
 * 2-decimal rounding is one warning, a rounding difference none. */
static void analysis_disagreement(void **state)
{
	struct fx *f = *state;

	tu_write_file(f->dir, "synthesis_d_20250101.csv",
		      HDR "d1,d,cpu,100.004,1,10,3,0,0,False,True\r\n"
		      "d2,d,cpu,100.004,3,10,3,0,0,False,True\r\n", (size_t)-1);
	tu_write_file(f->dir, "analysis_d.json",
		      "{\"device_type\": \"cpu\", \"total_runs\": 2, \"successful_runs\": 2,"
		      " \"memory\": {\"avg_peak_mb\": 100.0}, \"performance\": {\"avg_rtf\": 2.5}}", (size_t)-1);
	run(f);
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: analysis_d.json: warning: disagrees with the synthesis rows of d_cpu: "
			    "performance.avg_rtf 2.5 here, 2 in the rows (the CSV values are used)\n");
	assert_double_rel(tier(f, "d_cpu")->metrics[TS_M_RTF].mean, 2, 0);
	assert_int_equal(ts_diag_exit_status(&f->td.d), TS_EXIT_PARTIAL);
}

/* Labels: display_name from specs shared by both configurations of a
 * machine; --label overrides one. */
static void labels(void **state)
{
	struct fx *f = *state;

	tu_write_file(f->dir, "synthesis_w_20250101.csv",
		      HDR "w1,w,cpu,1,1,1,1,0,0,False,True\r\nw2,w,cuda,1,1,1,1,0,0,False,True\r\n", (size_t)-1);
	tu_write_file(f->dir, "hardware_specs_w.json",
		      "{\"hardware_tier\": \"w\", \"device_type\": \"cuda\", \"display_name\": \"Workstation\"}", (size_t)-1);
	run(f);
	assert_string_equal(tier(f, "w_cpu")->label, "Workstation");
	assert_string_equal(tier(f, "w_cuda")->label, "Workstation");
	ts_tiers_set_label(&f->tiers, 0, "Workstation (CPU)");
	assert_string_equal(tier(f, "w_cpu")->label, "Workstation (CPU)");
	assert_string_equal(tier(f, "w_cuda")->label, "Workstation");
	/* sorted by key as a whole string */
	assert_string_equal(f->tiers.v[0].key, "w_cpu");
	assert_string_equal(f->tiers.v[1].key, "w_cuda");
}

/* --warmup goes by start_time (none last, ties by line), not by line. */
#define HDR_ST "request_id,hardware_tier,device_type,start_time,rtf,success,peak_memory_mb," \
	"tokens_per_second,total_duration_s,peak_gpu_memory_mb,peak_temperature_c,throttle_detected\r\n"
#define REST ",100,10,3,0,50,False\r\n"

static void warmup_by_start_time(void **state)
{
	struct fx *f = *state;
	const struct ts_tier *t;

	tu_write_file(f->dir, "synthesis_w_20250101.csv",
		      HDR_ST
		      "a1,w,cpu,30,4,True" REST
		      "a2,w,cpu,10,8,True" REST      /* the first request */
		      "a3,w,cpu,,16,True" REST       /* no start: last */
		      "a4,w,cpu,20,2,False" REST     /* the second; failed */
		      "a5,w,cpu,40,1,True" REST, (size_t)-1);
	f->warmup = 2;
	run(f);
	assert_string_equal(tu_diag_text(&f->td), "");
	t = tier(f, "w_cpu");
	assert_int_equal(t->warmup_excluded, 2);
	assert_int_equal(t->tests, 3);
	assert_int_equal(t->successful, 3);
	/* a1, a3, a5 kept: rtf 4, 16, 1 */
	assert_int_equal(t->metrics[TS_M_RTF].n, 3);
	assert_double_rel(t->metrics[TS_M_RTF].mean, 7, 0);
	assert_double_rel(t->metrics[TS_M_RTF].median, 4, 0);
	assert_null(f->tiers.warmup_short_path);
}

/* Duration against tokens: successful rows with both values, but for
 * those --warmup leaves out; fewer than 3 distinct token counts: no line. */
#define HDR_TK "request_id,hardware_tier,device_type,start_time,text_length_tokens," \
	"total_duration_s,success,rtf,peak_memory_mb,tokens_per_second,peak_gpu_memory_mb," \
	"peak_temperature_c,throttle_detected\r\n"
#define REST_TK ",1,100,10,0,50,False\r\n"

static void scaling_line(void **state)
{
	struct fx *f = *state;
	const struct ts_tier *t;

	tu_write_file(f->dir, "synthesis_s_20250101.csv",
		      HDR_TK
		      "a2,s,cpu,20,10,2,True" REST_TK
		      "a1,s,cpu,10,100,50,True" REST_TK    /* the first: --warmup */
		      "a3,s,cpu,30,20,3,True" REST_TK
		      "a4,s,cpu,40,40,5,True" REST_TK
		      "a5,s,cpu,50,30,99,False" REST_TK    /* failed */
		      "a6,s,cpu,60,,7,True" REST_TK, (size_t)-1);   /* no tokens */
	tu_write_file(f->dir, "synthesis_f_20250101.csv",
		      HDR_TK
		      "b1,f,cpu,5,10,9,True" REST_TK       /* the first: --warmup */
		      "b2,f,cpu,6,10,1,True" REST_TK
		      "b3,f,cpu,7,10,1.2,True" REST_TK
		      "b4,f,cpu,8,20,2,True" REST_TK, (size_t)-1);
	f->warmup = 1;
	run(f);
	t = tier(f, "s_cpu");
	/* (10, 2), (20, 3), (40, 5): y = 1 + x / 10 */
	assert_int_equal(t->scaling.fit.n, 3);
	assert_int_equal(t->scaling.fit.distinct_x, 3);
	assert_true(t->scaling.has_line);
	assert_double_rel(t->scaling.fit.slope, 0.1, 1e-12);
	assert_double_rel(t->scaling.fit.intercept, 1, 1e-12);
	assert_double_rel(t->scaling.fit.r_squared, 1, 1e-12);
	assert_int_equal(t->scaling.npoints, 3);
	assert_true(t->scaling.tokens[0] == 10 && t->scaling.duration_s[0] == 2);
	assert_true(t->scaling.tokens[2] == 40 && t->scaling.duration_s[2] == 5);
	t = tier(f, "f_cpu");
	assert_int_equal(t->scaling.fit.n, 3);
	assert_int_equal(t->scaling.fit.distinct_x, 2);
	assert_false(t->scaling.has_line);
	assert_true(isnan(t->scaling.fit.slope) && isnan(t->scaling.fit.intercept_ci95[0]));
	assert_true(isnan(t->scaling.fit.r_squared));
	assert_int_equal(t->scaling.npoints, 3);   /* drawn all the same */
}

/* More points than TS_SCALING_MAX_POINTS: the fit over all, the points
 * thinned at evenly spaced ranks. */
static void scaling_thinned(void **state)
{
	struct fx *f = *state;
	const struct ts_tier *t;
	size_t n = 2 * TS_SCALING_MAX_POINTS + 1, len = 0, cap = n * 64;
	char *text = malloc(cap);

	len += (size_t)snprintf(text, cap, "%s", HDR_TK);
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, cap - len, "r%zu,t,cpu,%zu,%zu,%zu.5,True" REST_TK,
					i, i + 1, i % 7 + 1, i % 7 + 2);
	tu_write_file(f->dir, "synthesis_t_20250101.csv", text, len);
	free(text);
	run(f);
	t = tier(f, "t_cpu");
	assert_int_equal(t->scaling.fit.n, (long)n);
	assert_int_equal(t->scaling.fit.distinct_x, 7);
	assert_double_rel(t->scaling.fit.slope, 1, 1e-12);
	assert_double_rel(t->scaling.fit.intercept, 1.5, 1e-12);
	assert_int_equal(t->scaling.npoints, TS_SCALING_MAX_POINTS);
	/* point i is pair floor(i n / max): 0, 2, 4, ... (n = 2 max + 1) */
	assert_true(t->scaling.tokens[1] == 3 && t->scaling.tokens[TS_SCALING_MAX_POINTS - 1] == (double)((2 * TS_SCALING_MAX_POINTS - 2) % 7 + 1));
}

/* Without --warmup nothing is left out, but a cold start is noted. */
static void warmup_cold_start_note(void **state)
{
	struct fx *f = *state;
	const struct ts_tier *t;

	tu_write_file(f->dir, "synthesis_c_20250101.csv",
		      HDR_ST
		      "b1,c,cpu,2,1.0,True" REST
		      "b2,c,cpu,1,2.5,True" REST     /* first by start_time */
		      "b3,c,cpu,3,1.2,True" REST
		      "b4,c,cpu,4,0.5,False" REST, (size_t)-1);
	tu_write_file(f->dir, "synthesis_d_20250101.csv",
		      HDR_ST
		      "d1,d,cpu,1,2.5,True" REST     /* first, but d3 as slow */
		      "d2,d,cpu,2,1.0,True" REST
		      "d3,d,cpu,3,2.5,True" REST, (size_t)-1);
	run(f);
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: synthesis_c_20250101.csv:3: note: the first request (rtf 2.5) is slower"
			    " than every other of this file and more than twice its median rtf (1.2): a cold"
			    " start? (used; --warmup 1 excludes the first request of each file)\n");
	t = tier(f, "c_cpu");
	assert_int_equal(t->warmup_excluded, 0);
	assert_int_equal(t->tests, 4);
	assert_int_equal(ts_diag_exit_status(&f->td.d), TS_EXIT_OK);
}

/* A file with no more requests than --warmup is named (the command
 * refuses such a --warmup). */
static void warmup_larger_than_a_file(void **state)
{
	struct fx *f = *state;

	tu_write_file(f->dir, "synthesis_big_20250101.csv",
		      HDR_ST "e1,big,cpu,1,1,True" REST "e2,big,cpu,2,1,True" REST "e3,big,cpu,3,1,True" REST,
		      (size_t)-1);
	tu_write_file(f->dir, "synthesis_small_20250101.csv",
		      HDR_ST "s1,small,cpu,1,1,True" REST "s2,small,cpu,2,1,True" REST, (size_t)-1);
	f->warmup = 2;
	run(f);
	assert_non_null(f->tiers.warmup_short_path);
	assert_string_equal(f->tiers.warmup_short_path, "synthesis_small_20250101.csv");
	assert_int_equal(f->tiers.warmup_short_rows, 2);
}

/* Outliers are counted, never removed; the first severe one is named.
 * rtf 1, 1, 1, 1, 2, 50 (second file): q1 1, q3 1.75, IQR 0.75, inner
 * fences -0.125 and 2.875, outer -1.25 and 4: 50 is severe, nothing mild. */
static void outliers_counted_and_named(void **state)
{
	struct fx *f = *state;
	const struct ts_tier *t;

	tu_write_file(f->dir, "synthesis_o_20250101.csv",
		      HDR_ST "o1,o,cpu,1,1,True" REST "o2,o,cpu,2,1,True" REST
		      "o3,o,cpu,3,1,True" REST, (size_t)-1);
	tu_write_file(f->dir, "synthesis_o_20250102.csv",
		      HDR_ST "o4,o,cpu,4,1,True" REST "o5,o,cpu,5,2,True" REST
		      "o6,o,cpu,6,9,False" REST "o7,o,cpu,7,50,True" REST, (size_t)-1);
	run(f);
	assert_string_equal(tu_diag_text(&f->td),
			    "tierstat: synthesis_o_20250102.csv:5: note: o_cpu: rtf has 1 severe outlier"
			    " (beyond 3 IQR from the quartiles), the first here (kept in every statistic)\n");
	t = tier(f, "o_cpu");
	assert_int_equal(t->metrics[TS_M_RTF].n, 6);
	assert_double_rel(t->metrics[TS_M_RTF].mean, 56.0 / 6.0, 1e-15);
	assert_int_equal(t->spread[TS_M_RTF].tukey.severe, 1);
	assert_int_equal(t->spread[TS_M_RTF].tukey.mild, 0);
	assert_double_rel(t->spread[TS_M_RTF].q1, 1, 0);
	assert_double_rel(t->spread[TS_M_RTF].q3, 1.75, 0);
	assert_string_equal(t->first_severe[TS_M_RTF].path, "synthesis_o_20250102.csv");
	assert_int_equal(t->first_severe[TS_M_RTF].line, 5);
	/* 6 of 7 successful: Wilson by hand, z = 1.959963984540054 */
	{
		double z = 1.959963984540054, n = 7, p = 6 / n, z2 = z * z;
		double c = (p + z2 / (2 * n)) / (1 + z2 / n);
		double h = z / (1 + z2 / n) * sqrt(p * (1 - p) / n + z2 / (4 * n * n));
		assert_double_rel(t->success_ci95[0], c - h, 1e-14);
		assert_double_rel(t->success_ci95[1], c + h, 1e-14);
	}
	assert_int_equal(f->tiers.pooled_tests, 7);
	assert_int_equal(f->tiers.pooled_successful, 6);
	assert_int_equal(f->tiers.pooled_tiers, 1);
}

/* --reference and friends: a key, a label, a file-name tier naming one
 * configuration; an ambiguous or unknown name says why. */
static void find_by_key_label_and_tier(void **state)
{
	struct fx *f = *state;
	char why[256];

	tu_write_file(f->dir, "synthesis_box_20250101.csv",
		      HDR_ST "k1,box,cpu,1,4,True" REST "k2,box,cpu,2,6,True" REST
		      "k3,box,cuda,3,1,True" REST "k4,box,cuda,4,1,True" REST, (size_t)-1);
	tu_write_file(f->dir, "synthesis_m1_20250101.csv",
		      HDR_ST "m1,m1,mps,1,2,True" REST "m2,m1,mps,2,2,True" REST, (size_t)-1);
	run(f);
	ts_tiers_set_label(&f->tiers, 2, "Apple M1");
	assert_string_equal(tier(f, "m1_mps")->label, "Apple M1");
	assert_int_equal(ts_tiers_find(&f->tiers, "box_cuda", why, sizeof(why)), 1);
	assert_int_equal(ts_tiers_find(&f->tiers, "Apple M1", why, sizeof(why)), 2);
	assert_int_equal(ts_tiers_find(&f->tiers, "m1", why, sizeof(why)), 2);
	assert_int_equal(ts_tiers_find(&f->tiers, "box", why, sizeof(why)), -1);
	assert_string_equal(why, "'box' names 2 configurations: box_cpu, box_cuda");
	assert_int_equal(ts_tiers_find(&f->tiers, "nope", why, sizeof(why)), -1);
	assert_string_equal(why, "no tier 'nope' (tiers: box_cpu, box_cuda, m1_mps)");
	/* box_cpu over box_cuda: rtf 5 / 1, both SDs... cuda's is 0 */
	ts_tiers_set_reference(&f->tiers, 1);
	assert_double_rel(f->tiers.v[0].relative[TS_M_RTF].ratio, 5, 0);
	assert_double_rel(f->tiers.v[1].relative[TS_M_RTF].ratio, 1, 0);
	assert_true(isnan(f->tiers.v[1].relative[TS_M_RTF].ci95[0]));
	/* by hand: v_a = 2 / (2 * 25), v_b = 0, df = n_a - 1 = 1, t = 12.7062 */
	{
		double se = sqrt(2.0 / 50.0), t = 12.706204736174707;
		assert_double_rel(f->tiers.v[0].relative[TS_M_RTF].df, 1, 1e-12);
		assert_double_rel(f->tiers.v[0].relative[TS_M_RTF].ci95[0], 5 * exp(-t * se), 1e-12);
		assert_double_rel(f->tiers.v[0].relative[TS_M_RTF].ci95[1], 5 * exp(t * se), 1e-12);
	}
}

#define HDR_Q "request_id,hardware_tier,device_type,peak_memory_mb,rtf,success,quantization_used,num_threads\r\n"

/* --by: a group per value, the empty value its own group ("none"), two
 * values that map to one key told apart, duplicates still per
 * configuration, the realtime file with its partner's first row, an
 * analysis file alone one tier of empty values. */
static void by_groups(void **state)
{
	struct fx *f = *state;
	const struct ts_tier *t;

	tu_write_file(f->dir, "synthesis_m_20250101_000001.csv",
		      HDR_Q "a1,m,cpu,100,1,True,INT8,4\r\n"
		      "a2,m,cpu,300,3,True,INT4,4\r\n"
		      "a3,m,cpu,500,5,True,INT8,\r\n"
		      "a4,m,cpu,700,7,True,,4\r\n"
		      "a5,m,cpu,900,9,True,a b,4\r\n"
		      "a6,m,cpu,900,9,True,a_b,4\r\n", (size_t)-1);
	tu_write_file(f->dir, "synthesis_m_20250101_000002.csv",
		      HDR_Q "b1,m,cpu,200,2,True,INT4,4\r\n"
		      "a1,m,cpu,999,9,True,INT4,4\r\n", (size_t)-1);
	tu_write_file(f->dir, "realtime_m_20250101_000002.csv",
		      "timestamp,cpu_percent,memory_mb\r\n100,1,50\r\n101,2,60\r\n", (size_t)-1);
	tu_write_file(f->dir, "analysis_ao.json",
		      "{\"hardware_tier\": \"ao\", \"device_type\": \"mps\", \"total_runs\": 10,"
		      " \"successful_runs\": 9, \"success_rate\": 0.9}", (size_t)-1);
	f->by = "quantization_used";
	run(f);
	assert_int_equal(f->tiers.nr, 6);
	assert_string_equal(f->tiers.v[0].key, "ao_mps-none");
	assert_string_equal(f->tiers.v[1].key, "m_cpu-INT4");
	assert_string_equal(f->tiers.v[2].key, "m_cpu-INT8");
	assert_string_equal(f->tiers.v[3].key, "m_cpu-a_b");      /* "a b" */
	assert_string_equal(f->tiers.v[4].key, "m_cpu-a_b~2");    /* "a_b": after it */
	assert_string_equal(f->tiers.v[5].key, "m_cpu-none");
	assert_string_equal(f->tiers.v[3].group[0], "a b");
	assert_string_equal(f->tiers.v[4].group[0], "a_b");
	assert_null(f->tiers.v[5].group[0]);
	assert_null(f->tiers.v[0].group[0]);
	assert_int_equal(f->tiers.v[0].from, TS_FROM_ANALYSIS_JSON);
	t = tier(f, "m_cpu-INT4");
	assert_int_equal(t->tests, 2);   /* a2, b1; the second a1 is a duplicate */
	assert_double_rel(t->metrics[TS_M_RTF].mean, 2.5, 0);
	assert_string_equal(t->label, "m_cpu (INT4)");
	assert_int_equal(t->realtime.samples, 2);   /* b1 is the partner's first row */
	assert_int_equal(tier(f, "m_cpu-INT8")->tests, 2);
	assert_int_equal(tier(f, "m_cpu-INT8")->realtime.samples, 0);
	assert_int_equal(tier(f, "m_cpu-none")->tests, 1);
	assert_string_equal(tier(f, "m_cpu-none")->label, "m_cpu (none)");
	/* within the INT8 group num_threads still takes two values */
	assert_non_null(strstr(tu_diag_text(&f->td),
			       "tierstat: note: m_cpu-INT8: num_threads takes 2 values: 4 (1 row), none (1 row); "
			       "--by quantization_used,num_threads compares them\n"));
	assert_non_null(strstr(tu_diag_text(&f->td), "request_id 'a1' of tier m_cpu was already read"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(hand_computed_statistics, setup, teardown),
		cmocka_unit_test_setup_teardown(by_groups, setup, teardown),
		cmocka_unit_test_setup_teardown(one_value_has_no_std, setup, teardown),
		cmocka_unit_test_setup_teardown(duplicates_per_tier, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_success_column, setup, teardown),
		cmocka_unit_test_setup_teardown(realtime_aggregates, setup, teardown),
		cmocka_unit_test_setup_teardown(analysis_only_tier, setup, teardown),
		cmocka_unit_test_setup_teardown(analysis_disagreement, setup, teardown),
		cmocka_unit_test_setup_teardown(labels, setup, teardown),
		cmocka_unit_test_setup_teardown(warmup_by_start_time, setup, teardown),
		cmocka_unit_test_setup_teardown(warmup_cold_start_note, setup, teardown),
		cmocka_unit_test_setup_teardown(warmup_larger_than_a_file, setup, teardown),
		cmocka_unit_test_setup_teardown(scaling_line, setup, teardown),
		cmocka_unit_test_setup_teardown(scaling_thinned, setup, teardown),
		cmocka_unit_test_setup_teardown(outliers_counted_and_named, setup, teardown),
		cmocka_unit_test_setup_teardown(find_by_key_label_and_tier, setup, teardown),
	};
	return cmocka_run_group_tests_name("tiers", tests, NULL, NULL);
}
