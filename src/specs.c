/* specs.c - read the hardware_specs and analysis JSON files (see specs.h). */
#include "ts.h"
#include "specs.h"
#include "hash.h"
#include "mem.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct jctx {
	const struct ts_input *in;
	struct ts_diag *d;
	unsigned long long hash;   /* of the file's bytes */
};

/* Larger than this is no hardware description: refuse, do not read. */
#define TS_JSON_MAX (64 << 20)

/* Open with O_NONBLOCK (a FIFO never blocks) and parse the whole file;
 * reports and returns NULL unless the top level is an object. */
static json_t *load_object(struct jctx *j)
{
	json_error_t err;
	struct stat st;
	json_t *root;
	int fd = open(j->in->path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0) {
		ts_diag_file_error(j->d, j->in->rel, 0, "cannot open: %s (file skipped)", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		ts_diag_file_error(j->d, j->in->rel, 0, "not a regular file (file skipped)");
		return NULL;
	}
	/* read it whole (these files are small; a huge one is refused) to
	 * hash the bytes as well as parse them */
	{
		size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096, len = 0, bom;
		char *buf;
		ssize_t got;
		struct ts_hash h;

		if (st.st_size > TS_JSON_MAX) {
			close(fd);
			ts_diag_file_error(j->d, j->in->rel, 0, "larger than %d MiB: not a hardware description (file skipped)",
					   TS_JSON_MAX >> 20);
			return NULL;
		}
		buf = ts_xmalloc(cap);
		while ((got = read(fd, buf + len, cap - len)) > 0 || (got < 0 && errno == EINTR)) {
			if (got < 0)
				continue;
			len += (size_t)got;
			if (len == cap) {
				if (cap > TS_JSON_MAX)
					break;   /* grew while read: parse what we have */
				cap *= 2;
				buf = ts_xrealloc(buf, cap);
			}
		}
		close(fd);
		ts_hash_init(&h);
		ts_hash_update(&h, buf, len);
		j->hash = ts_hash_final(&h);
		/* a UTF-8 BOM (Windows editors) is not JSON, but harmless */
		bom = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
		root = json_loadb(buf + bom, len - bom, JSON_REJECT_DUPLICATES, &err);
		free(buf);
	}
	if (!root) {
		const char *hint = "";
		if (strstr(err.text, "NaN") || strstr(err.text, "Infinity"))
			hint = "; Python's json module writes NaN and Infinity, which JSON does not allow";
		ts_diag_report(j->d, TS_ERROR, TS_DROP_FILE, j->in->rel,
			       err.line > 0 ? err.line : 0, err.line > 0 ? err.column : 0,
			       "invalid JSON: %s%s (file skipped)", err.text, hint);
		return NULL;
	}
	if (!json_is_object(root)) {
		ts_diag_file_error(j->d, j->in->rel, 0, "the top level is not a JSON object (file skipped)");
		json_decref(root);
		return NULL;
	}
	return root;
}

static void wrong_type(struct jctx *j, const char *key, const char *want)
{
	ts_diag_report(j->d, TS_WARNING, TS_DROP_CELL, j->in->rel, 0, 0,
		       "field '%s' is not %s (taken as unknown)", key, want);
}

/* A string field, or NULL when absent or null. */
static const char *get_str(struct jctx *j, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		wrong_type(j, key, "a string");
		return NULL;
	}
	return json_string_value(v);
}

/* A number field (integer or real), or NAN. */
static double get_num(struct jctx *j, json_t *o, const char *key)
{
	json_t *v = o ? json_object_get(o, key) : NULL;

	if (!v || json_is_null(v))
		return NAN;
	if (!json_is_number(v)) {
		wrong_type(j, key, "a number");
		return NAN;
	}
	return json_number_value(v);
}

/* A count field (a whole number >= 0), or -1. */
static long long get_count(struct jctx *j, json_t *o, const char *key)
{
	double x = get_num(j, o, key);

	if (isnan(x))
		return -1;
	if (x < 0 || x != floor(x) || x > 9007199254740992.0) {
		wrong_type(j, key, "a count");
		return -1;
	}
	return (long long)x;
}

static json_t *get_obj(struct jctx *j, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_object(v)) {
		wrong_type(j, key, "an object");
		return NULL;
	}
	return v;
}

/* hardware_tier in the file, checked against the name's tier. */
static const char *tier_of(struct jctx *j, json_t *root)
{
	const char *ht = get_str(j, root, "hardware_tier");

	if (!ht || !*ht)
		return j->in->tier;
	if (strcmp(ht, j->in->tier) != 0) {
		char q[TS_QUOTE_BUF];
		ts_diag_note(j->d, j->in->rel, 0,
			     "hardware_tier '%s' differs from the file name's '%s' (the field is used)",
			     ts_diag_quote(q, sizeof(q), ht, strlen(ht), TS_QUOTE_MAX), j->in->tier);
	}
	return ht;
}

static int load_specs(struct ts_store *s, struct jctx *j, json_t *root, long long id)
{
	static const char *const fields[] = {
		"hardware_tier", "device_type", "display_name", "cpu_model",
		"cpu_cores", "total_memory_gb", "gpu_name",
	};
	struct ts_specs_row r;
	char *text;
	int rc, any = 0;

	for (size_t i = 0; i < TS_COUNTOF(fields); i++)
		any |= json_object_get(root, fields[i]) != NULL;
	if (!any)
		ts_diag_report(j->d, TS_WARNING, TS_DROP_NONE, j->in->rel, 0, 0,
			       "no hardware fields in this file (hardware unknown)");

	r.hardware_tier = tier_of(j, root);
	r.device_type = get_str(j, root, "device_type");
	r.display_name = get_str(j, root, "display_name");
	r.cpu_model = get_str(j, root, "cpu_model");
	r.gpu_name = get_str(j, root, "gpu_name");
	r.cpu_cores = get_count(j, root, "cpu_cores");
	r.total_memory_gb = get_num(j, root, "total_memory_gb");
	text = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
	if (!text)
		return ts_diag_file_error(j->d, j->in->rel, 0, "cannot re-encode the object (file skipped)");
	r.json = text;
	rc = ts_store_add_specs(s, id, &r);
	free(text);
	return rc;
}

static int load_analysis(struct ts_store *s, struct jctx *j, json_t *root, long long id)
{
	struct ts_analysis_row r;
	json_t *mem = get_obj(j, root, "memory");
	json_t *perf = get_obj(j, root, "performance");
	json_t *thermal = get_obj(j, root, "thermal");
	char *specs_dt = NULL;
	int rc;

	r.hardware_tier = tier_of(j, root);
	r.device_type = get_str(j, root, "device_type");
	if (!r.device_type || !*r.device_type) {
		r.device_type = specs_dt = ts_store_specs_device(s, r.hardware_tier);
		if (!specs_dt)
			return ts_diag_file_error(j->d, j->in->rel, 0,
						  "no device_type, here or in the hardware specs (file skipped)");
		ts_diag_note(j->d, j->in->rel, 0, "no device_type (taken as '%s' from the hardware specs)",
			     specs_dt);
	}
	r.total_runs = get_count(j, root, "total_runs");
	r.successful_runs = get_count(j, root, "successful_runs");
	r.success_rate = get_num(j, root, "success_rate");
	r.avg_peak_mb = get_num(j, mem, "avg_peak_mb");
	r.max_peak_mb = get_num(j, mem, "max_peak_mb");
	r.min_peak_mb = get_num(j, mem, "min_peak_mb");
	r.std_dev_mb = get_num(j, mem, "std_dev_mb");
	r.avg_rtf = get_num(j, perf, "avg_rtf");
	r.avg_tokens_per_sec = get_num(j, perf, "avg_tokens_per_sec");
	r.avg_duration_s = get_num(j, perf, "avg_duration_s");
	r.max_temperature_c = get_num(j, thermal, "max_temperature_c");
	r.throttle_events = get_count(j, thermal, "throttle_events");
	rc = ts_store_add_analysis(s, id, &r);
	free(specs_dt);
	return rc;
}

int ts_specs_load(struct ts_store *s, const struct ts_input *in,
		  struct ts_load_totals *tot, struct ts_diag *d)
{
	struct jctx j = { in, d, 0 };
	json_t *root;
	long long id;
	int rc = -1;

	ts_diag_file_begin(d, in->rel);
	root = load_object(&j);
	if (ts_store_begin(s) < 0)
		goto out;
	id = ts_store_add_file(s, in);
	if (id >= 0 && root) {
		rc = in->kind == TS_KIND_SPECS ? load_specs(s, &j, root, id)
					       : load_analysis(s, &j, root, id);
	}
	if (id < 0 || ts_store_file_status(s, id, rc == 0 ? "read" : "skipped", 0, 0, j.hash) < 0 ||
	    ts_store_commit(s) < 0) {
		ts_store_rollback(s);
		rc = -1;
	}
out:
	if (rc == 0)
		tot->files_read++;
	else
		tot->files_skipped++;
	json_decref(root);
	ts_diag_file_end(d);
	return rc;
}
