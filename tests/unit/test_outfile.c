/* test_outfile.c - the atomic output set (outfile.h) and the diagnostics
 * it reports through (diag.h: format, counters, per-file cap). */
#include "ts.h"
#include "testutil.h"
#include "diag.h"
#include "outfile.h"
#include "ownname.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

/* --- diag -------------------------------------------------------------- */

static void test_diag_format(void **state)
{
	struct tu_diag t;

	(void)state;
	tu_diag_init(&t);
	ts_diag_report(&t.d, TS_WARNING, TS_DROP_CELL, "m/synthesis_x_20251107.csv", 12, 0,
		       "'%s' in column %s is not a number (cell left out)", "8.25ms", "rtf");
	ts_diag_report(&t.d, TS_ERROR, TS_DROP_FILE, "a.csv", 0, 0,
		       "cannot open: %s (file skipped)", "Permission denied");
	ts_diag_report(&t.d, TS_ERROR, TS_DROP_FILE, "h.json", 3, 7,
		       "invalid JSON (file skipped)");
	ts_diag_report(&t.d, TS_NOTE, TS_DROP_NONE, "h.json", 0, 7, "col without line");
	ts_diag_report(&t.d, TS_NOTE, TS_DROP_NONE, "h.json", -4, -1, "negative line");
	ts_diag_report(&t.d, TS_WARNING, TS_DROP_NONE, NULL, 0, 0, "no usable tier");
	ts_diag_report(&t.d, TS_ERROR, TS_DROP_NONE, NULL, 5, 6, "run problem");
	ts_diag_note(&t.d, "b.csv", 2, "%d CR LF line ends (read as LF)", 3);
	assert_string_equal(tu_diag_text(&t),
		"tierstat: m/synthesis_x_20251107.csv:12: warning: '8.25ms' in column rtf is not a number (cell left out)\n"
		"tierstat: a.csv: error: cannot open: Permission denied (file skipped)\n"
		"tierstat: h.json:3:7: error: invalid JSON (file skipped)\n"
		"tierstat: h.json: note: col without line\n"
		"tierstat: h.json: note: negative line\n"
		"tierstat: warning: no usable tier\n"
		"tierstat: error: run problem\n"
		"tierstat: b.csv:2: note: 3 CR LF line ends (read as LF)\n");
	assert_int_equal(t.d.n.note, 3);
	assert_int_equal(t.d.n.warning, 2);
	assert_int_equal(t.d.n.error, 3);
	assert_int_equal(t.d.n.cells, 1);
	assert_int_equal(t.d.n.rows, 0);
	assert_int_equal(t.d.n.files, 2);
	tu_diag_release(&t);
}

static void test_diag_exit_status(void **state)
{
	struct tu_diag t;

	(void)state;
	tu_diag_init(&t);
	assert_int_equal(ts_diag_exit_status(&t.d), TS_EXIT_OK);
	/* notes never change the status (METRICS.md section 7) */
	ts_diag_note(&t.d, "a.csv", 0, "BOM skipped");
	ts_diag_report(&t.d, TS_NOTE, TS_DROP_CELL, "a.csv", 5, 0, "inf left out");
	assert_int_equal(ts_diag_exit_status(&t.d), TS_EXIT_OK);
	assert_int_equal(t.d.n.note, 2);
	assert_int_equal(t.d.n.cells, 1);
	/* a warning does, whether or not it dropped something */
	ts_diag_report(&t.d, TS_WARNING, TS_DROP_NONE, "a.csv", 4, 0, "suspect");
	assert_int_equal(t.d.n.warning, 1);
	assert_int_equal(ts_diag_exit_status(&t.d), TS_EXIT_PARTIAL);
	tu_diag_release(&t);

	/* and so does an error, even one of the run */
	tu_diag_init(&t);
	ts_diag_run(&t.d, TS_ERROR, "not about input");
	assert_string_equal(tu_diag_text(&t), "tierstat: error: not about input\n");
	assert_int_equal(t.d.n.error, 1);
	assert_int_equal(ts_diag_exit_status(&t.d), TS_EXIT_PARTIAL);
	tu_diag_release(&t);

	tu_diag_init(&t);
	assert_int_equal(ts_diag_file_error(&t.d, "g.csv", 0, "gzip (%s)", "file skipped"), -1);
	assert_string_equal(tu_diag_text(&t), "tierstat: g.csv: error: gzip (file skipped)\n");
	assert_int_equal(t.d.n.error, 1);
	assert_int_equal(t.d.n.files, 1);
	assert_int_equal(ts_diag_exit_status(&t.d), TS_EXIT_PARTIAL);
	tu_diag_release(&t);
}

/* After per_file_cap messages for the open file the rest are counted but
 * not shown, and file_end says how many were hidden. */
static void test_diag_per_file_cap(void **state)
{
	struct tu_diag t;
	char name[] = "x.csv";      /* a different pointer, the same name */
	const char *text;
	const char *first = "tierstat: x.csv:2: warning: bad 1 (cell left out)\n";
	int lines = 0;

	(void)state;
	tu_diag_init(&t);
	assert_int_equal(t.d.per_file_cap, 20);
	ts_diag_file_begin(&t.d, "x.csv");
	for (int i = 1; i <= 25; i++) {
		ts_diag_report(&t.d, TS_WARNING, TS_DROP_CELL, name, i + 1, 0,
			       "bad %d (cell left out)", i);
		if (i == 22)   /* another file's messages are not capped */
			ts_diag_report(&t.d, TS_NOTE, TS_DROP_NONE, "y.csv", 0, 0, "other");
	}
	ts_diag_report(&t.d, TS_ERROR, TS_DROP_NONE, NULL, 0, 0, "run");
	ts_diag_file_end(&t.d);
	text = tu_diag_text(&t);
	for (const char *s = text; (s = strchr(s, '\n')); s++)
		lines++;
	assert_int_equal(lines, 20 + 2 + 1);
	assert_non_null(strstr(text, "tierstat: x.csv:21: warning: bad 20 (cell left out)\n"
				     "tierstat: y.csv: note: other\n"
				     "tierstat: error: run\n"
				     "tierstat: x.csv: warning: 5 more problems in this file not shown\n"));
	assert_null(strstr(text, "bad 21"));
	assert_int_equal(strncmp(text, first, strlen(first)), 0);
	/* everything is counted, shown or not */
	assert_int_equal(t.d.n.warning, 25);
	assert_int_equal(t.d.n.cells, 25);

	/* the cap ends with the file; one hidden message is singular */
	tu_diag_release(&t);
	tu_diag_init(&t);
	t.d.per_file_cap = 2;
	ts_diag_file_begin(&t.d, "z.csv");
	for (int i = 0; i < 3; i++)
		ts_diag_report(&t.d, TS_WARNING, TS_DROP_ROW, "z.csv", 7, 0, "r%d", i);
	ts_diag_file_end(&t.d);
	ts_diag_report(&t.d, TS_WARNING, TS_DROP_ROW, "z.csv", 9, 0, "after");
	assert_string_equal(tu_diag_text(&t),
			    "tierstat: z.csv:7: warning: r0\n"
			    "tierstat: z.csv:7: warning: r1\n"
			    "tierstat: z.csv: warning: 1 more problem in this file not shown\n"
			    "tierstat: z.csv:9: warning: after\n");
	assert_int_equal(t.d.n.rows, 4);

	/* no hidden message: file_end prints nothing */
	tu_diag_release(&t);
	tu_diag_init(&t);
	ts_diag_file_begin(&t.d, "w.csv");
	ts_diag_report(&t.d, TS_WARNING, TS_DROP_ROW, "w.csv", 3, 0, "one");
	ts_diag_file_end(&t.d);
	assert_string_equal(tu_diag_text(&t), "tierstat: w.csv:3: warning: one\n");
	tu_diag_release(&t);
}

/* --- outfile ----------------------------------------------------------- */

struct fx {
	char *dir;
	struct tu_diag diag;
	struct ts_outset set;
	struct rlimit fsize;    /* restored by teardown */
	int fsize_changed;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->dir = tu_mkdtemp();
	tu_diag_init(&f->diag);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	if (f->fsize_changed)
		setrlimit(RLIMIT_FSIZE, &f->fsize);
	ts_outset_release(&f->set);
	tu_diag_release(&f->diag);
	chmod(f->dir, 0700);
	tu_rmtree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* The names in dir, sorted, joined with " " (hidden ones included). */
static char *listing(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	char *names[64], *out;
	size_t n = 0, len = 1;

	assert_non_null(dp);
	while ((e = readdir(dp))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		assert_true(n < TS_COUNTOF(names));
		names[n] = strdup(e->d_name);
		assert_non_null(names[n]);
		len += strlen(names[n]) + 1;
		n++;
	}
	closedir(dp);
	for (size_t i = 1; i < n; i++)   /* insertion sort */
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char *t = names[j]; names[j] = names[j - 1]; names[j - 1] = t;
		}
	out = malloc(len);
	assert_non_null(out);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(out, " ");
		strcat(out, names[i]);
		free(names[i]);
	}
	return out;
}

static void expect_listing(const char *dir, const char *want)
{
	char *got = listing(dir);
	assert_string_equal(got, want);
	free(got);
}

static void expect_file(const char *dir, const char *name, const char *text)
{
	char p[4096];
	char *got;

	tu_pathf(p, sizeof(p), "%s/%s", dir, name);
	got = tu_read_file(p, NULL);
	assert_string_equal(got, text);
	free(got);
}

/* A temporary name while open: ".tierstat-NAME." and six more bytes. */
static int is_temp_of(const char *entry, const char *name)
{
	size_t n = strlen(name);
	return strncmp(entry, ".tierstat-", 10) == 0 &&
	       strncmp(entry + 10, name, n) == 0 && entry[10 + n] == '.' &&
	       strlen(entry + 11 + n) == 6;
}

static void test_commit_two(void **state)
{
	struct fx *f = *state;
	FILE *a, *b;
	char *names, *tok[4], *save = NULL;
	size_t nt = 0;
	mode_t old = umask(022);
	struct stat st;
	char p[4096];

	tu_write_file(f->dir, "hardware_metadata.json", "old json\n", (size_t)-1);
	ts_outset_init(&f->set, f->dir);
	a = ts_outset_open(&f->set, "hardware_metadata.json", &f->diag.d);
	assert_non_null(a);
	b = ts_outset_open(&f->set, "fig1_memory_comparison.png", &f->diag.d);
	assert_non_null(b);
	fputs("{\"tiers\": []}\n", a);
	fputs("PNG bytes", b);

	/* while open: the two temporary files beside the old output */
	names = listing(f->dir);
	for (char *s = strtok_r(names, " ", &save); s && nt < 4; s = strtok_r(NULL, " ", &save))
		tok[nt++] = s;
	assert_int_equal(nt, 3);
	assert_true(is_temp_of(tok[0], "fig1_memory_comparison.png"));
	assert_true(is_temp_of(tok[1], "hardware_metadata.json"));
	assert_string_equal(tok[2], "hardware_metadata.json");
	free(names);

	assert_int_equal(ts_outset_close(&f->set, a, &f->diag.d), 0);
	assert_int_equal(ts_outset_close(&f->set, b, &f->diag.d), 0);
	/* closed but not committed: the old output is still in place */
	expect_file(f->dir, "hardware_metadata.json", "old json\n");
	assert_int_equal(ts_outset_commit(&f->set, &f->diag.d), 0);
	ts_outset_release(&f->set);
	umask(old);

	expect_listing(f->dir, "fig1_memory_comparison.png hardware_metadata.json");
	expect_file(f->dir, "hardware_metadata.json", "{\"tiers\": []}\n");
	expect_file(f->dir, "fig1_memory_comparison.png", "PNG bytes");
	assert_string_equal(tu_diag_text(&f->diag), "");
	/* ordinary files (0666 less the umask), not mkstemp's 0600 */
	tu_pathf(p, sizeof(p), "%s/hardware_metadata.json", f->dir);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
}

static void test_commit_empty_set(void **state)
{
	struct fx *f = *state;

	ts_outset_init(&f->set, f->dir);
	assert_int_equal(ts_outset_commit(&f->set, &f->diag.d), 0);
	expect_listing(f->dir, "");
	assert_string_equal(tu_diag_text(&f->diag), "");
}

/* One output failed (the renderer reported it): nothing is replaced,
 * no temporary file stays, and the set says nothing more. */
static void test_failed_set_keeps_previous(void **state)
{
	struct fx *f = *state;
	FILE *a, *b;

	tu_write_file(f->dir, "hardware_metadata.json", "old json\n", (size_t)-1);
	tu_write_file(f->dir, "fig2_rtf_comparison.svg", "old svg\n", (size_t)-1);
	ts_outset_init(&f->set, f->dir);
	a = ts_outset_open(&f->set, "hardware_metadata.json", &f->diag.d);
	b = ts_outset_open(&f->set, "fig2_rtf_comparison.svg", &f->diag.d);
	assert_non_null(a);
	assert_non_null(b);
	fputs("new json\n", a);
	fputs("half an svg", b);
	assert_int_equal(ts_outset_close(&f->set, a, &f->diag.d), 0);
	ts_outset_fail(&f->set, b);
	assert_int_equal(ts_outset_commit(&f->set, &f->diag.d), -1);
	expect_listing(f->dir, "fig2_rtf_comparison.svg hardware_metadata.json");
	expect_file(f->dir, "hardware_metadata.json", "old json\n");
	expect_file(f->dir, "fig2_rtf_comparison.svg", "old svg\n");
	ts_outset_release(&f->set);
	expect_listing(f->dir, "fig2_rtf_comparison.svg hardware_metadata.json");
	assert_string_equal(tu_diag_text(&f->diag), "");
}

/* A stream never closed: commit refuses, temporary files go. */
static void test_unclosed_not_committed(void **state)
{
	struct fx *f = *state;
	FILE *a;

	ts_outset_init(&f->set, f->dir);
	a = ts_outset_open(&f->set, "hardware_metadata.json", &f->diag.d);
	assert_non_null(a);
	fputs("x", a);
	assert_int_equal(ts_outset_commit(&f->set, &f->diag.d), -1);
	expect_listing(f->dir, "");
	ts_outset_release(&f->set);
	expect_listing(f->dir, "");
}

/* Released without a commit (the caller gave up): nothing changes. */
static void test_release_without_commit(void **state)
{
	struct fx *f = *state;
	FILE *a;

	tu_write_file(f->dir, "hardware_metadata.json", "old\n", (size_t)-1);
	ts_outset_init(&f->set, f->dir);
	a = ts_outset_open(&f->set, "hardware_metadata.json", &f->diag.d);
	assert_non_null(a);
	fputs("new\n", a);
	assert_int_equal(ts_outset_close(&f->set, a, &f->diag.d), 0);
	ts_outset_release(&f->set);
	expect_listing(f->dir, "hardware_metadata.json");
	expect_file(f->dir, "hardware_metadata.json", "old\n");
	assert_string_equal(tu_diag_text(&f->diag), "");
}

/* The temporary file for one output cannot be created (its folder does
 * not exist: this fails even for root): one error naming the file, and
 * the outputs opened before it are not replaced. */
static void test_open_fails(void **state)
{
	struct fx *f = *state;
	FILE *a, *b;
	char want[8192];

	tu_write_file(f->dir, "hardware_metadata.json", "old\n", (size_t)-1);
	ts_outset_init(&f->set, f->dir);
	a = ts_outset_open(&f->set, "hardware_metadata.json", &f->diag.d);
	assert_non_null(a);
	fputs("new\n", a);
	assert_int_equal(ts_outset_close(&f->set, a, &f->diag.d), 0);
	b = ts_outset_open(&f->set, "no/fig1_memory_comparison.png", &f->diag.d);
	assert_null(b);
	tu_pathf(want, sizeof(want),
	      "tierstat: error: cannot create a temporary file for "
	      "'%s/no/fig1_memory_comparison.png': No such file or directory "
	      "(nothing replaced)\n", f->dir);
	assert_string_equal(tu_diag_text(&f->diag), want);
	assert_int_equal(f->diag.d.n.error, 1);
	assert_int_equal(ts_outset_commit(&f->set, &f->diag.d), -1);
	assert_string_equal(tu_diag_text(&f->diag), want);
	expect_listing(f->dir, "hardware_metadata.json");
	expect_file(f->dir, "hardware_metadata.json", "old\n");
}

/* chmod 500 on the output folder. Root writes there regardless. */
static void test_unwritable_dir(void **state)
{
	struct fx *f = *state;
	FILE *a;
	char want[8192];

	if (geteuid() == 0) {
		fprintf(stderr, "test_outfile: running as root, where chmod 500 "
			"does not stop writes: unwritable-folder test skipped "
			"(test_open_fails covers the same path)\n");
		skip();
	}
	tu_write_file(f->dir, "hardware_metadata.json", "old\n", (size_t)-1);
	assert_int_equal(chmod(f->dir, 0500), 0);
	ts_outset_init(&f->set, f->dir);
	a = ts_outset_open(&f->set, "hardware_metadata.json", &f->diag.d);
	assert_null(a);
	tu_pathf(want, sizeof(want),
	      "tierstat: error: cannot create a temporary file for "
	      "'%s/hardware_metadata.json': Permission denied (nothing replaced)\n",
	      f->dir);
	assert_string_equal(tu_diag_text(&f->diag), want);
	assert_int_equal(ts_outset_commit(&f->set, &f->diag.d), -1);
	assert_int_equal(chmod(f->dir, 0700), 0);
	expect_listing(f->dir, "hardware_metadata.json");
	expect_file(f->dir, "hardware_metadata.json", "old\n");
}

/* A write that fails (file size limit: EFBIG, also for root) is caught
 * at close, reported naming the final file, and nothing is replaced. */
static void test_write_fails(void **state)
{
	struct fx *f = *state;
	struct rlimit lim;
	FILE *a, *b;
	char *big, want[8192];
	size_t n = 256 * 1024;

	tu_write_file(f->dir, "fig3_success_rate.png", "old png\n", (size_t)-1);
	tu_write_file(f->dir, "hardware_metadata.json", "old json\n", (size_t)-1);
	ts_outset_init(&f->set, f->dir);
	a = ts_outset_open(&f->set, "hardware_metadata.json", &f->diag.d);
	b = ts_outset_open(&f->set, "fig3_success_rate.png", &f->diag.d);
	assert_non_null(a);
	assert_non_null(b);
	fputs("new json\n", a);
	assert_int_equal(ts_outset_close(&f->set, a, &f->diag.d), 0);

	big = malloc(n);
	assert_non_null(big);
	memset(big, 'p', n);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &f->fsize), 0);
	lim = f->fsize;
	lim.rlim_cur = 64 * 1024;
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	f->fsize_changed = 1;
	fwrite(big, 1, n, b);
	assert_int_equal(ts_outset_close(&f->set, b, &f->diag.d), -1);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &f->fsize), 0);
	f->fsize_changed = 0;
	signal(SIGXFSZ, SIG_DFL);
	free(big);

	tu_pathf(want, sizeof(want),
	      "tierstat: error: cannot write '%s/fig3_success_rate.png': %s "
	      "(nothing replaced)\n", f->dir, strerror(EFBIG));
	assert_string_equal(tu_diag_text(&f->diag), want);
	assert_int_equal(ts_outset_commit(&f->set, &f->diag.d), -1);
	expect_listing(f->dir, "fig3_success_rate.png hardware_metadata.json");
	expect_file(f->dir, "fig3_success_rate.png", "old png\n");
	expect_file(f->dir, "hardware_metadata.json", "old json\n");
}

/* A rename that fails half way (the second final name is a folder):
 * METRICS.md section 7 wants the outputs replaced as one set, so the
 * first output, already renamed, must be put back as it was: its
 * previous version where there was one, else no file. */
static void rename_fails(struct fx *f, const char *previous)
{
	FILE *a, *b;
	char p[4096], want[8192];

	tu_pathf(p, sizeof(p), "%s/fig1_memory_comparison.png", f->dir);
	assert_int_equal(mkdir(p, 0755), 0);
	tu_write_file(p, "keep", "k", (size_t)-1);
	if (previous)
		tu_write_file(f->dir, "hardware_metadata.json", previous, (size_t)-1);
	ts_outset_init(&f->set, f->dir);
	a = ts_outset_open(&f->set, "hardware_metadata.json", &f->diag.d);
	b = ts_outset_open(&f->set, "fig1_memory_comparison.png", &f->diag.d);
	assert_non_null(a);
	assert_non_null(b);
	fputs("new json\n", a);
	fputs("png\n", b);
	assert_int_equal(ts_outset_close(&f->set, a, &f->diag.d), 0);
	assert_int_equal(ts_outset_close(&f->set, b, &f->diag.d), 0);
	assert_int_equal(ts_outset_commit(&f->set, &f->diag.d), -1);
	tu_pathf(want, sizeof(want),
	      "tierstat: error: cannot rename into '%s/fig1_memory_comparison.png': "
	      "Is a directory (nothing replaced)\n", f->dir);
	assert_string_equal(tu_diag_text(&f->diag), want);
	ts_outset_release(&f->set);
	if (previous) {
		expect_listing(f->dir, "fig1_memory_comparison.png hardware_metadata.json");
		expect_file(f->dir, "hardware_metadata.json", previous);
	} else {
		expect_listing(f->dir, "fig1_memory_comparison.png");
	}
	expect_file(p, "keep", "k");
}

static void test_rename_fails_restores_previous(void **state)
{
	rename_fails(*state, "old json\n");
}

static void test_rename_fails_no_previous(void **state)
{
	rename_fails(*state, NULL);
}

/* --- outputs of an earlier run ------------------------------------------ */

/* Exactly tierstat's names, nothing that merely starts like one. */
static void test_own_name_exact(void **state)
{
	static const char *const outputs[] = {
		"hardware_metadata.json", "fig1_memory_comparison.png",
		"fig1_memory_comparison.pdf", "fig1_memory_comparison.svg",
		"fig2_rtf_comparison.svg", "fig3_success_rate.pdf",
		"fig_hardware_summary.png", "fig5_memory_timeline.csv",
		"timeline_intel_i5_cpu.png", "timeline_m1_air_mps.csv",
		"timeline_a.b_cpu.svg", "timeline_x.pdf", "fig6_duration_vs_tokens.png",
		"fig6_duration_vs_tokens.csv",
	};
	static const char *const temps[] = {
		".tierstat-hardware_metadata.json.AbC123",
		".tierstat-fig1_memory_comparison.png.XXXXXX",
		".tierstat-fig_hardware_summary.svg.q9Z0aa.old",
		".tierstat-timeline_nvidia_rtx3060_cuda.pdf.Zz09aB",
		".tierstat-timeline_a_very_long_tier_name_of_a_machine_in_a_lab_somewhere_cpu.png.AbC123.old",
	};
	static const char *const others[] = {
		"fig1_memory_comparison.png.bak", "fig1_memory_comparison.PNG",
		"fig1_memory_comparison.jpg", "fig1_memory_comparison.", "fig1_memory_comparison",
		"fig4_other.png", "hardware_metadata.json~", "hardware_metadata.jsonl",
		"my_hardware_metadata.json", ".tierstat-", ".tierstat-notes",
		".tierstat-notes.txt.AbC123", ".tierstat-hardware_metadata.json.AbC12",
		".tierstat-hardware_metadata.json.AbC1234", ".tierstat-hardware_metadata.json.Ab-123",
		".tierstat-hardware_metadata.json.AbC123.bak", ".tierstat-hardware_metadata.json.old",
		".tierstat-fig1_memory_comparison.png.bak.AbC123", "notes.txt", "",
		"timeline_.png", "timeline_intel_i5_cpu", "timeline_intel_i5_cpu.png.bak",
		"timeline_intel_i5_cpu.jpg", "timelines.png", "fig5_memory_timeline.tex",
		"fig6_duration_vs_tokens.md", "fig6_duration.png",
	};

	(void)state;
	for (size_t i = 0; i < TS_COUNTOF(outputs); i++) {
		if (ts_own_name(outputs[i]) != TS_OWN_OUTPUT)
			print_error("'%s' not an output name\n", outputs[i]);
		assert_int_equal(ts_own_name(outputs[i]), TS_OWN_OUTPUT);
		assert_true(ts_own_name_like(outputs[i]));
	}
	for (size_t i = 0; i < TS_COUNTOF(temps); i++) {
		if (ts_own_name(temps[i]) != TS_OWN_TEMP)
			print_error("'%s' not a temporary name\n", temps[i]);
		assert_int_equal(ts_own_name(temps[i]), TS_OWN_TEMP);
		assert_true(ts_own_name_like(temps[i]));
	}
	for (size_t i = 0; i < TS_COUNTOF(others); i++) {
		if (ts_own_name(others[i]) != TS_OWN_NONE)
			print_error("'%s' taken for tierstat's\n", others[i]);
		assert_int_equal(ts_own_name(others[i]), TS_OWN_NONE);
	}
	/* the scanner's test is looser: a figure's backup is not an input either */
	assert_true(ts_own_name_like("fig1_memory_comparison.png.bak"));
	assert_false(ts_own_name_like("fig4_other.png"));
	assert_true(ts_own_name_like("timeline_intel_i5_cpu.png.bak"));
	assert_false(ts_own_name_like("timeline_notes"));
}

/* Commit one output into dir, expecting 0. */
static void commit_one(struct fx *f, const char *name, const char *text)
{
	FILE *a;

	ts_outset_init(&f->set, f->dir);
	a = ts_outset_open(&f->set, name, &f->diag.d);
	assert_non_null(a);
	fputs(text, a);
	assert_int_equal(ts_outset_close(&f->set, a, &f->diag.d), 0);
	assert_int_equal(ts_outset_commit(&f->set, &f->diag.d), 0);
	ts_outset_release(&f->set);
}

/* A committed set removes every regular file directly in the folder
 * whose name is exactly tierstat's and that the set did not write, after
 * the new files are in place, with one note naming them in order. Other
 * names, links (and their targets), folders and sub-folders stay. */
static void test_commit_removes_earlier_outputs(void **state)
{
	struct fx *f = *state;
	FILE *a, *b;
	char p[4096], q[4096], want[8192];

	tu_write_file(f->dir, "hardware_metadata.json", "old json\n", (size_t)-1);
	tu_write_file(f->dir, "fig2_rtf_comparison.pdf", "old pdf\n", (size_t)-1);
	tu_write_file(f->dir, "fig1_memory_comparison.png", "old png\n", (size_t)-1);
	tu_write_file(f->dir, ".tierstat-fig3_success_rate.svg.AbC123", "killed\n", (size_t)-1);
	/* not tierstat's names: kept */
	tu_write_file(f->dir, "notes.txt", "mine\n", (size_t)-1);
	tu_write_file(f->dir, "fig1_memory_comparison.png.bak", "mine too\n", (size_t)-1);
	tu_write_file(f->dir, ".tierstat-notes", "and this\n", (size_t)-1);
	/* tierstat's names, but not regular files directly in the folder: kept */
	tu_write_file(f->dir, "sub/fig1_memory_comparison.pdf", "deeper\n", (size_t)-1);
	tu_write_file(f->dir, "fig_hardware_summary.pdf/keep", "k\n", (size_t)-1);
	tu_pathf(p, sizeof(p), "%s/fig3_success_rate.png", f->dir);
	assert_int_equal(symlink("notes.txt", p), 0);
	tu_pathf(q, sizeof(q), "%s/fig3_success_rate.pdf", f->dir);
	assert_int_equal(symlink("sub/fig1_memory_comparison.pdf", q), 0);

	ts_outset_init(&f->set, f->dir);
	a = ts_outset_open(&f->set, "hardware_metadata.json", &f->diag.d);
	b = ts_outset_open(&f->set, "fig1_memory_comparison.svg", &f->diag.d);
	assert_non_null(a);
	assert_non_null(b);
	fputs("new json\n", a);
	fputs("<svg/>\n", b);
	assert_int_equal(ts_outset_close(&f->set, a, &f->diag.d), 0);
	assert_int_equal(ts_outset_close(&f->set, b, &f->diag.d), 0);
	/* nothing removed before the commit */
	expect_file(f->dir, "fig1_memory_comparison.png", "old png\n");
	assert_int_equal(ts_outset_commit(&f->set, &f->diag.d), 0);
	ts_outset_release(&f->set);

	expect_listing(f->dir, ".tierstat-notes fig1_memory_comparison.png.bak "
		       "fig1_memory_comparison.svg fig3_success_rate.pdf fig3_success_rate.png "
		       "fig_hardware_summary.pdf hardware_metadata.json notes.txt sub");
	expect_file(f->dir, "hardware_metadata.json", "new json\n");
	expect_file(f->dir, "fig1_memory_comparison.svg", "<svg/>\n");
	expect_file(f->dir, "notes.txt", "mine\n");
	expect_file(f->dir, "fig1_memory_comparison.png.bak", "mine too\n");
	expect_file(f->dir, ".tierstat-notes", "and this\n");
	expect_file(f->dir, "sub/fig1_memory_comparison.pdf", "deeper\n");
	expect_file(f->dir, "fig_hardware_summary.pdf/keep", "k\n");
	tu_pathf(want, sizeof(want),
	      "tierstat: note: '%s' held 3 outputs of an earlier run that this run did not write: "
	      ".tierstat-fig3_success_rate.svg.AbC123, fig1_memory_comparison.png, "
	      "fig2_rtf_comparison.pdf (removed, so that the folder holds one run's outputs)\n",
	      f->dir);
	assert_string_equal(tu_diag_text(&f->diag), want);
	assert_int_equal(f->diag.d.n.note, 1);
	assert_int_equal(f->diag.d.n.warning + f->diag.d.n.error, 0);

	/* the same set again: nothing left to remove, nothing said */
	tu_diag_release(&f->diag);
	tu_diag_init(&f->diag);
	ts_outset_init(&f->set, f->dir);
	a = ts_outset_open(&f->set, "hardware_metadata.json", &f->diag.d);
	b = ts_outset_open(&f->set, "fig1_memory_comparison.svg", &f->diag.d);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(ts_outset_close(&f->set, a, &f->diag.d), 0);
	assert_int_equal(ts_outset_close(&f->set, b, &f->diag.d), 0);
	assert_int_equal(ts_outset_commit(&f->set, &f->diag.d), 0);
	ts_outset_release(&f->set);
	assert_string_equal(tu_diag_text(&f->diag), "");

	/* one output: singular */
	commit_one(f, "fig1_memory_comparison.png", "png\n");
	tu_pathf(want, sizeof(want),
	      "tierstat: note: '%s' held 2 outputs of an earlier run that this run did not write: "
	      "fig1_memory_comparison.svg, hardware_metadata.json (removed, so that the folder "
	      "holds one run's outputs)\n", f->dir);
	assert_string_equal(tu_diag_text(&f->diag), want);
	tu_diag_release(&f->diag);
	tu_diag_init(&f->diag);
	commit_one(f, "hardware_metadata.json", "{}\n");
	tu_pathf(want, sizeof(want),
	      "tierstat: note: '%s' held 1 output of an earlier run that this run did not write: "
	      "fig1_memory_comparison.png (removed, so that the folder holds one run's outputs)\n",
	      f->dir);
	assert_string_equal(tu_diag_text(&f->diag), want);
}

/* A set that fails, or a set of nothing, removes nothing. */
static void test_no_removal_without_commit(void **state)
{
	struct fx *f = *state;
	FILE *a;

	tu_write_file(f->dir, "fig1_memory_comparison.png", "old png\n", (size_t)-1);
	tu_write_file(f->dir, "fig2_rtf_comparison.pdf", "old pdf\n", (size_t)-1);
	ts_outset_init(&f->set, f->dir);
	a = ts_outset_open(&f->set, "hardware_metadata.json", &f->diag.d);
	assert_non_null(a);
	fputs("new json\n", a);
	ts_outset_fail(&f->set, a);
	assert_int_equal(ts_outset_commit(&f->set, &f->diag.d), -1);
	ts_outset_release(&f->set);
	expect_listing(f->dir, "fig1_memory_comparison.png fig2_rtf_comparison.pdf");

	ts_outset_init(&f->set, f->dir);
	assert_int_equal(ts_outset_commit(&f->set, &f->diag.d), 0);
	ts_outset_release(&f->set);
	expect_listing(f->dir, "fig1_memory_comparison.png fig2_rtf_comparison.pdf");
	assert_string_equal(tu_diag_text(&f->diag), "");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diag_format),
		cmocka_unit_test(test_diag_exit_status),
		cmocka_unit_test(test_diag_per_file_cap),
		T(test_commit_two),
		T(test_commit_empty_set),
		T(test_failed_set_keeps_previous),
		T(test_unclosed_not_committed),
		T(test_release_without_commit),
		T(test_open_fails),
		T(test_unwritable_dir),
		T(test_write_fails),
		T(test_rename_fails_restores_previous),
		T(test_rename_fails_no_previous),
		cmocka_unit_test(test_own_name_exact),
		T(test_commit_removes_earlier_outputs),
		T(test_no_removal_without_commit),
	};
#undef T

	return cmocka_run_group_tests_name("outfile", tests, NULL, NULL);
}
