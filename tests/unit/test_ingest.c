/* test_ingest.c - ts_ingest (ingest.h) on a real folder (hardware specs,
 * analysis, synthesis and realtime files) and real stores: the report's
 * counts (files and bytes parsed, files replayed) and the totals; the
 * messages in their order (specs, analysis, synthesis, then realtime, by
 * path); with a store file (--db) a re-run over the unchanged folder
 * reads nothing, replays every file and prints the same bytes, and after
 * one realtime file is edited reads that one only; a copy of a file is
 * one message and counted once; the `between` callback runs once, after
 * the synthesis files are stored, and what it says comes after the
 * realtime files' messages. */
#include "ts.h"
#include "testutil.h"
#include "ingest.h"
#include "scan.h"
#include "store.h"
#include "reqspan.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HDR "request_id,hardware_tier,device_type,peak_memory_mb,rtf,tokens_per_second," \
	    "total_duration_s,peak_gpu_memory_mb,peak_temperature_c,throttle_detected,success\n"
#define RT_HDR "timestamp,cpu_percent,memory_mb,temperature_c\n"

#define SPECS "{\"hardware_tier\": \"box\", \"device_type\": \"cuda\", \"display_name\": \"Box\"}\n"
#define ANALYSIS "{\"hardware_tier\": \"box\", \"device_type\": \"cuda\", \"total_runs\": 2," \
		 " \"successful_runs\": 2, \"success_rate\": 1.0}\n"
/* row s2 has no device_type: it takes the specs' (loaded before) */
#define SYN HDR "s1,box,cuda,100,1,10,3,0,50,False,True\ns2,box,,200,2,10,3,0,50,False,True\n"
/* 3 samples; the third goes back in time (a note at line 4) */
#define RT1 RT_HDR "100.0,10,500,40\n100.5,20,600,41\n100.25,30,700,42\n"
/* 2 samples; a bad cpu value (a warning at line 3) */
#define RT2 RT_HDR "200.0,10,500,40\n201.0,bad,600,41\n"

/* The messages of the folder above, in order. */
#define SAID_SYN "tierstat: synthesis_box_20250101.csv:3: note: no device_type " \
		 "(taken as 'cuda' from the hardware specs)\n"
#define SAID_RT1 "tierstat: realtime_box_20250101.csv:4: note: timestamp '100.25' is earlier " \
		 "than the one before (samples used as they are)\n"
#define SAID_RT2 "tierstat: realtime_box_20250102.csv:3: warning: column 'cpu_percent': " \
		 "'bad' is not a number (value left out)\n"

struct fx {
	char *dir;
	char db[4096];
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	f->dir = tu_mkdtemp();
	tu_pathf(f->db, sizeof(f->db), "%s.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char wal[4200];

	tu_rmtree(f->dir);
	unlink(f->db);
	snprintf(wal, sizeof(wal), "%s-wal", f->db);
	unlink(wal);
	snprintf(wal, sizeof(wal), "%s-shm", f->db);
	unlink(wal);
	free(f->dir);
	free(f);
	return 0;
}

static void write_folder(struct fx *f)
{
	tu_write_file(f->dir, "hardware_specs_box.json", SPECS, (size_t)-1);
	tu_write_file(f->dir, "analysis_box.json", ANALYSIS, (size_t)-1);
	tu_write_file(f->dir, "synthesis_box_20250101.csv", SYN, (size_t)-1);
	tu_write_file(f->dir, "realtime_box_20250101.csv", RT1, (size_t)-1);
	tu_write_file(f->dir, "realtime_box_20250102.csv", RT2, (size_t)-1);
}

/* One run, as cmd_analyze does it: scan, open the store (db: a file, or
 * NULL for a temporary one), ingest. What it printed, new. */
struct run {
	struct ts_ingest_report rep;
	struct ts_load_totals tot;
	struct ts_diag_counts n;
	char *said;
};

static struct run run(struct fx *f, const char *db, ts_ingest_between_fn between, void *ctx)
{
	struct run r;
	struct tu_diag td;
	struct ts_inputs in;
	struct ts_store *s;

	memset(&r, 0, sizeof(r));
	memset(&in, 0, sizeof(in));
	tu_diag_init(&td);
	assert_int_equal(ts_scan_dir(f->dir, &in, &td.d), 0);
	s = ts_store_open(db, &td.d);
	assert_non_null(s);
	assert_int_equal(ts_ingest(s, &in, &r.tot, &td.d, &r.rep, between, ctx), 0);
	ts_store_close(s);
	ts_inputs_release(&in);
	r.said = strdup(tu_diag_text(&td));
	r.n = td.d.n;
	tu_diag_release(&td);
	return r;
}

static long long bytes_of_folder(void)
{
	/* the five files, by their sizes */
	return (long long)(strlen(SPECS) + strlen(ANALYSIS) + strlen(SYN) + strlen(RT1) + strlen(RT2));
}

static void whole_folder(void **state)
{
	struct fx *f = *state;
	struct run r;

	write_folder(f);
	r = run(f, NULL, NULL, NULL);
	assert_string_equal(r.said, SAID_SYN SAID_RT1 SAID_RT2);
	assert_int_equal(r.rep.files_parsed, 5);
	assert_int_equal(r.rep.bytes_parsed, bytes_of_folder());
	assert_int_equal(r.rep.files_replayed, 0);
	assert_int_equal(r.tot.files_read, 5);
	assert_int_equal(r.tot.files_skipped, 0);
	assert_int_equal(r.tot.synthesis_rows, 2);
	assert_int_equal(r.tot.realtime_rows, 3 + 2);
	assert_int_equal(r.tot.rows_skipped, 0);
	/* 2 notes (SYN: the device from the specs, RT1), 1 warning (RT2),
	 * 1 cell dropped (RT2) */
	assert_int_equal(r.n.note, 2);
	assert_int_equal(r.n.warning, 1);
	assert_int_equal(r.n.cells, 1);
	free(r.said);
}

static void assert_same_run(const struct run *a, const struct run *b)
{
	assert_string_equal(a->said, b->said);
	assert_int_equal(a->tot.files_read, b->tot.files_read);
	assert_int_equal(a->tot.files_skipped, b->tot.files_skipped);
	assert_int_equal(a->tot.synthesis_rows, b->tot.synthesis_rows);
	assert_int_equal(a->tot.realtime_rows, b->tot.realtime_rows);
	assert_int_equal(a->tot.rows_skipped, b->tot.rows_skipped);
	assert_memory_equal(&a->n, &b->n, sizeof(a->n));
}

/* --db: the second run over the unchanged folder reads nothing and says
 * the same; after one realtime file changes only it is read. */
static void rerun_with_store_file(void **state)
{
	struct fx *f = *state;
	struct run first, again, edited;

	write_folder(f);
	first = run(f, f->db, NULL, NULL);
	assert_string_equal(first.said, SAID_SYN SAID_RT1 SAID_RT2);
	assert_int_equal(first.rep.files_parsed, 5);
	again = run(f, f->db, NULL, NULL);
	assert_int_equal(again.rep.files_parsed, 0);
	assert_int_equal(again.rep.bytes_parsed, 0);
	assert_int_equal(again.rep.files_replayed, 5);
	assert_same_run(&first, &again);
	/* RT2 without its bad value: one file more in size, read again */
	tu_write_file(f->dir, "realtime_box_20250102.csv",
		      RT_HDR "200.0,10,500,40\n201.0,15,600,41\n", (size_t)-1);
	edited = run(f, f->db, NULL, NULL);
	assert_int_equal(edited.rep.files_parsed, 1);
	assert_int_equal(edited.rep.bytes_parsed, strlen(RT2) - strlen("bad") + strlen("15"));
	assert_int_equal(edited.rep.files_replayed, 4);
	assert_string_equal(edited.said, SAID_SYN SAID_RT1);
	assert_int_equal(edited.tot.files_read, 5);
	assert_int_equal(edited.tot.realtime_rows, 5);
	assert_int_equal(edited.n.warning, 0);
	assert_int_equal(edited.n.cells, 0);
	free(first.said);
	free(again.said);
	free(edited.said);
}

/* A file gone since the last run is forgotten: its rows too. */
static void file_gone_is_forgotten(void **state)
{
	struct fx *f = *state;
	struct run first, after;
	char path[4200];

	write_folder(f);
	first = run(f, f->db, NULL, NULL);
	tu_pathf(path, sizeof(path), "%s/realtime_box_20250101.csv", f->dir);
	assert_int_equal(unlink(path), 0);
	after = run(f, f->db, NULL, NULL);
	assert_string_equal(after.said, SAID_SYN SAID_RT2);
	assert_int_equal(after.rep.files_parsed, 0);
	assert_int_equal(after.rep.files_replayed, 4);
	assert_int_equal(after.tot.files_read, 4);
	assert_int_equal(after.tot.realtime_rows, 2);
	free(first.said);
	free(after.said);
}

/* Copies (same bytes, other folder; the later path is the copy): one
 * warning each, not read, counted once. */
static void copies_counted_once(void **state)
{
	struct fx *f = *state;
	struct run r;

	write_folder(f);
	tu_write_file(f->dir, "z/realtime_box_20250101.csv", RT1, (size_t)-1);
	tu_write_file(f->dir, "z/synthesis_box_20250101.csv", SYN, (size_t)-1);
	r = run(f, NULL, NULL, NULL);
	assert_string_equal(r.said,
			    SAID_SYN
			    "tierstat: z/synthesis_box_20250101.csv: warning: same content as "
			    "synthesis_box_20250101.csv (file skipped: counted once)\n"
			    SAID_RT1 SAID_RT2
			    "tierstat: z/realtime_box_20250101.csv: warning: same content as "
			    "realtime_box_20250101.csv (file skipped: counted once)\n");
	assert_int_equal(r.rep.files_parsed, 5);
	assert_int_equal(r.rep.bytes_parsed, bytes_of_folder());
	assert_int_equal(r.tot.files_read, 5);
	assert_int_equal(r.tot.files_skipped, 2);
	assert_int_equal(r.tot.synthesis_rows, 2);
	assert_int_equal(r.tot.realtime_rows, 5);
	assert_int_equal(r.n.files, 2);
	free(r.said);
}

/* A copy stays a copy on a re-run with --db: replayed, same words. */
static void copies_replayed(void **state)
{
	struct fx *f = *state;
	struct run first, again;

	write_folder(f);
	tu_write_file(f->dir, "z/realtime_box_20250101.csv", RT1, (size_t)-1);
	first = run(f, f->db, NULL, NULL);
	again = run(f, f->db, NULL, NULL);
	assert_int_equal(again.rep.files_parsed, 0);
	assert_int_equal(again.rep.files_replayed, 6);
	assert_same_run(&first, &again);
	free(first.said);
	free(again.said);
}

/* --db: the specs file changes its device_type: the synthesis files are
 * read again (a row without device_type takes the specs'), and so are
 * the realtime files (their split into during and idle depends on their
 * partner's requests), saying the same. */
static void specs_change_rereads_synthesis(void **state)
{
	struct fx *f = *state;
	struct run first, after;

	write_folder(f);
	first = run(f, f->db, NULL, NULL);
	tu_write_file(f->dir, "hardware_specs_box.json",
		      "{\"hardware_tier\": \"box\", \"device_type\": \"mps\", \"display_name\": \"Box\"}\n",
		      (size_t)-1);
	after = run(f, f->db, NULL, NULL);
	/* specs and analysis (one group), synthesis, then the 2 realtime */
	assert_int_equal(after.rep.files_parsed, 5);
	assert_int_equal(after.rep.files_replayed, 0);
	assert_string_equal(after.said,
			    "tierstat: synthesis_box_20250101.csv:3: note: no device_type "
			    "(taken as 'mps' from the hardware specs)\n" SAID_RT1 SAID_RT2);
	free(first.said);
	free(after.said);
}

/* 22 bad cells in one file: 20 shown, then the cap line; a re-run with
 * --db replays exactly that, cap line included, with the same counts. */
static void capped_messages_replayed(void **state)
{
	struct fx *f = *state;
	char text[8192];
	size_t len = 0;
	struct run first, again;

	len += (size_t)snprintf(text, sizeof(text), HDR);
	for (int i = 0; i < 22; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					"c%d,cap,cpu,x%d,1,10,3,0,50,False,True\n", i, i);
	tu_write_file(f->dir, "synthesis_cap_20250101.csv", text, len);
	first = run(f, f->db, NULL, NULL);
	assert_non_null(strstr(first.said,
			       "tierstat: synthesis_cap_20250101.csv:21: warning: column 'peak_memory_mb': "
			       "'x19' is not a number (value left out)\n"
			       "tierstat: synthesis_cap_20250101.csv: warning: 2 more problems in this file "
			       "not shown\n"));
	assert_null(strstr(first.said, "'x20'"));
	assert_int_equal(first.n.warning, 22);
	assert_int_equal(first.n.cells, 22);
	again = run(f, f->db, NULL, NULL);
	assert_int_equal(again.rep.files_replayed, 1);
	assert_same_run(&first, &again);
	free(first.said);
	free(again.said);
}

/* A realtime file of about 1 KB: cut in segments of 64 bytes on the
 * pool (temporary store), merged; its note at the line of the whole
 * file. Rows "T,1" with T = 1000.5 + i, row i = 40 (line 42) at 900.5. */
static void big_realtime_in_segments(void **state)
{
	struct fx *f = *state;
	char text[4096];
	size_t len = 0;
	struct run r;

	len += (size_t)snprintf(text, sizeof(text), RT_HDR);
	for (int i = 0; i < 60; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%.1f,1,1000,50\n",
					i == 40 ? 900.5 : 1000.5 + i);
	tu_write_file(f->dir, "realtime_big_20250101.csv", text, len);
	r = run(f, NULL, NULL, NULL);
	assert_string_equal(r.said,
			    "tierstat: realtime_big_20250101.csv:42: note: timestamp '900.5' is earlier "
			    "than the one before (samples used as they are)\n");
	assert_int_equal(r.rep.files_parsed, 1);
	assert_int_equal(r.rep.bytes_parsed, len);
	assert_int_equal(r.tot.realtime_rows, 60);
	assert_int_equal(r.tot.files_read, 1);
	free(r.said);
}

/* The during/idle split of README "Synthesis against idle" as stored:
 * the realtime file judged against its partner's requests (bounds
 * included, a failed request too, one whose end is before its start
 * not), the same whether it was read in segments (the sanitized build
 * cuts every 64 bytes; a temporary store) or whole (--db). */
static void phases_of(struct fx *f, const char *db, struct ts_phase *ph, char **partner)
{
	struct tu_diag td;
	struct ts_inputs in;
	struct ts_store *s;
	struct ts_ingest_report rep;
	struct ts_load_totals tot;

	memset(&in, 0, sizeof(in));
	memset(&tot, 0, sizeof(tot));
	tu_diag_init(&td);
	assert_int_equal(ts_scan_dir(f->dir, &in, &td.d), 0);
	s = ts_store_open(db, &td.d);
	assert_non_null(s);
	assert_int_equal(ts_ingest(s, &in, &tot, &td.d, &rep, NULL, NULL), 0);
	assert_int_equal(ts_store_realtime_phases(s, "realtime_big_20250101.csv", partner, ph), 1);
	ts_store_close(s);
	ts_inputs_release(&in);
	tu_diag_release(&td);
}

static void phases_stored(void **state)
{
	struct fx *f = *state;
	char text[4096];
	size_t len = 0;

	len += (size_t)snprintf(text, sizeof(text), RT_HDR);
	for (int i = 0; i < 60; i++)   /* memory i, so that every sum is exact */
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%.1f,1,%d,50\n", 1000.5 + i, i);
	tu_write_file(f->dir, "realtime_big_20250101.csv", text, len);
	tu_write_file(f->dir, "synthesis_big_20250101.csv",
		      "request_id,hardware_tier,device_type,start_time,end_time,success\n"
		      "a,big,cpu,1000.5,1010.5,True\n"      /* samples 0 to 10 */
		      "b,big,cpu,1020,1030,False\n"         /* 20 to 29, failed */
		      "c,big,cpu,1040,1035,True\n", (size_t)-1);   /* no interval */
	for (int pass = 0; pass < 2; pass++) {
		struct ts_phase ph[TS_SPAN_COUNT];
		char *partner;
		phases_of(f, pass ? f->db : NULL, ph, &partner);
		assert_string_equal(partner, "synthesis_big_20250101.csv");
		free(partner);
		assert_int_equal(ph[TS_SPAN_DURING].n, 21);
		assert_int_equal(ph[TS_SPAN_DURING].n_memory, 21);
		assert_true(ts_ksum_value(&ph[TS_SPAN_DURING].memory) == 55 + 245);
		assert_true(ph[TS_SPAN_DURING].memory_max == 29);
		assert_true(ts_ksum_value(&ph[TS_SPAN_DURING].cpu) == 21);
		assert_int_equal(ph[TS_SPAN_IDLE].n, 39);
		assert_true(ts_ksum_value(&ph[TS_SPAN_IDLE].memory) == 1770 - 300);
		assert_true(ph[TS_SPAN_IDLE].memory_max == 59);
		assert_int_equal(ph[TS_SPAN_IDLE].n_cpu, 39);
	}
}

/* Files that could not be used: skipped, and on a re-run with --db
 * replayed as skipped, with their errors. */
static void skipped_files_replayed(void **state)
{
	struct fx *f = *state;
	struct run first, again;

	tu_write_file(f->dir, "synthesis_bad_20250101.csv", "foo,bar\n1,2\n", (size_t)-1);
	tu_write_file(f->dir, "realtime_bad_20250101.csv", "a,b\n1,2\n", (size_t)-1);
	first = run(f, f->db, NULL, NULL);
	assert_string_equal(first.said,
			    "tierstat: synthesis_bad_20250101.csv:1: error: the header names none of the "
			    "synthesis columns (file skipped)\n"
			    "tierstat: realtime_bad_20250101.csv:1: error: the header names none of the "
			    "realtime columns (file skipped)\n");
	assert_int_equal(first.tot.files_read, 0);
	assert_int_equal(first.tot.files_skipped, 2);
	assert_int_equal(first.n.files, 2);
	again = run(f, f->db, NULL, NULL);
	assert_int_equal(again.rep.files_parsed, 0);
	assert_int_equal(again.rep.files_replayed, 2);
	assert_same_run(&first, &again);
	free(first.said);
	free(again.said);
}

struct between_ctx {
	struct ts_store *s;
	int calls;
	size_t keys;
};

static void between(void *ctx, struct ts_diag *d)
{
	struct between_ctx *b = ctx;
	struct ts_tier_key *k;
	size_t n;

	b->calls++;
	/* the synthesis rows are in the store by now */
	assert_int_equal(ts_store_tier_keys(b->s, &k, &n), 0);
	b->keys = n;
	ts_store_free_keys(k, n);
	ts_diag_note(d, NULL, 0, "between: %zu tier", n);
}

/* Called once, with the synthesis stored; its message comes last. */
static void between_runs_once_said_last(void **state)
{
	struct fx *f = *state;
	struct between_ctx b = { NULL, 0, 0 };
	struct tu_diag td;
	struct ts_inputs in;
	struct ts_ingest_report rep;
	struct ts_load_totals tot;

	write_folder(f);
	memset(&in, 0, sizeof(in));
	memset(&tot, 0, sizeof(tot));
	tu_diag_init(&td);
	assert_int_equal(ts_scan_dir(f->dir, &in, &td.d), 0);
	b.s = ts_store_open(NULL, &td.d);
	assert_int_equal(ts_ingest(b.s, &in, &tot, &td.d, &rep, between, &b), 0);
	assert_int_equal(b.calls, 1);
	assert_int_equal(b.keys, 1);   /* (box, cuda) */
	assert_string_equal(tu_diag_text(&td),
			    SAID_SYN SAID_RT1 SAID_RT2 "tierstat: note: between: 1 tier\n");
	assert_int_equal(td.d.n.note, 3);
	ts_store_close(b.s);
	ts_inputs_release(&in);
	tu_diag_release(&td);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(whole_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(rerun_with_store_file, setup, teardown),
		cmocka_unit_test_setup_teardown(file_gone_is_forgotten, setup, teardown),
		cmocka_unit_test_setup_teardown(copies_counted_once, setup, teardown),
		cmocka_unit_test_setup_teardown(copies_replayed, setup, teardown),
		cmocka_unit_test_setup_teardown(specs_change_rereads_synthesis, setup, teardown),
		cmocka_unit_test_setup_teardown(capped_messages_replayed, setup, teardown),
		cmocka_unit_test_setup_teardown(big_realtime_in_segments, setup, teardown),
		cmocka_unit_test_setup_teardown(phases_stored, setup, teardown),
		cmocka_unit_test_setup_teardown(skipped_files_replayed, setup, teardown),
		cmocka_unit_test_setup_teardown(between_runs_once_said_last, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
