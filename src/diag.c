/* diag.c - diagnostics of one run (see diag.h). */
#include "ts.h"
#include "diag.h"
#include "progress.h"
#include "utf8.h"

#include <stdarg.h>
#include <string.h>

static const char *const sev_names[] = { "note", "warning", "error" };

void ts_diag_init(struct ts_diag *d, FILE *out)
{
	memset(d, 0, sizeof(*d));
	d->out = out;
	d->per_file_cap = 20;
}

static void vreport(struct ts_diag *d, enum ts_sev sev, enum ts_drop drop,
		    const char *file, long line, long col, const char *fmt,
		    va_list ap) TS_PRINTF(7, 0);

static void vreport(struct ts_diag *d, enum ts_sev sev, enum ts_drop drop,
		    const char *file, long line, long col, const char *fmt,
		    va_list ap)
{
	switch (sev) {
	case TS_NOTE: d->n_note++; break;
	case TS_WARNING: d->n_warning++; break;
	case TS_ERROR: d->n_error++; break;
	}
	switch (drop) {
	case TS_DROP_NONE: break;
	case TS_DROP_CELL: d->cells_dropped++; break;
	case TS_DROP_ROW: d->rows_dropped++; break;
	case TS_DROP_FILE: d->files_dropped++; break;
	}
	if (file && d->cap_file && strcmp(file, d->cap_file) == 0) {
		if (d->cap_count >= d->per_file_cap) {
			d->cap_hidden++;
			return;
		}
		d->cap_count++;
	}
	if (!d->out)
		return;
	if (d->out == stderr)
		ts_progress_hold();   /* no progress line in the middle */
	fputs("tierstat: ", d->out);
	if (file) {
		fputs(file, d->out);
		if (line > 0)
			fprintf(d->out, ":%ld", line);
		if (line > 0 && col > 0)
			fprintf(d->out, ":%ld", col);
		fputs(": ", d->out);
	}
	fprintf(d->out, "%s: ", sev_names[sev]);
	vfprintf(d->out, fmt, ap);
	fputc('\n', d->out);
	if (d->out == stderr)
		ts_progress_release();
}

void ts_diag_report(struct ts_diag *d, enum ts_sev sev, enum ts_drop drop,
		    const char *file, long line, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(d, sev, drop, file, line, col, fmt, ap);
	va_end(ap);
}

int ts_diag_file_error(struct ts_diag *d, const char *file, long line,
		       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(d, TS_ERROR, TS_DROP_FILE, file, line, 0, fmt, ap);
	va_end(ap);
	return -1;
}

void ts_diag_file_begin(struct ts_diag *d, const char *file)
{
	d->cap_file = file;
	d->cap_count = 0;
	d->cap_hidden = 0;
}

void ts_diag_file_end(struct ts_diag *d)
{
	const char *file = d->cap_file;
	unsigned long hidden = d->cap_hidden;

	d->cap_file = NULL;
	if (hidden && d->out) {
		if (d->out == stderr)
			ts_progress_hold();
		fprintf(d->out,
			"tierstat: %s: note: %lu more problem%s in this file not shown\n",
			file, hidden, hidden == 1 ? "" : "s");
		if (d->out == stderr)
			ts_progress_release();
	}
	d->cap_hidden = 0;
	d->cap_count = 0;
}

int ts_diag_exit_status(const struct ts_diag *d)
{
	return d->n_warning || d->n_error ? TS_EXIT_PARTIAL : TS_EXIT_OK;
}

void ts_diag_merge(struct ts_diag *into, const struct ts_diag *from,
		   const char *text, size_t len)
{
	if (len && into->out) {
		if (into->out == stderr)
			ts_progress_hold();
		fwrite(text, 1, len, into->out);
		if (into->out == stderr)
			ts_progress_release();
	}
	into->n_note += from->n_note;
	into->n_warning += from->n_warning;
	into->n_error += from->n_error;
	into->cells_dropped += from->cells_dropped;
	into->rows_dropped += from->rows_dropped;
	into->files_dropped += from->files_dropped;
}

char *ts_diag_quote(char *buf, size_t cap, const char *s, size_t n, size_t max)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;

	if (n > max)
		n = max;
	for (size_t i = 0; i < n && o + 5 <= cap;) {
		unsigned char c = (unsigned char)s[i];
		size_t k = ts_utf8_seq_len((const unsigned char *)s + i, n - i);
		if (c >= 0x80 && k > 1 && o + k + 1 <= cap) {   /* valid UTF-8: as it is */
			memcpy(buf + o, s + i, k);
			o += k;
			i += k;
			continue;
		}
		if (c == '\n' || c == '\r' || c == '\t') {
			buf[o++] = '\\';
			buf[o++] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
		} else if (c < 0x20 || c == 0x7f || c >= 0x80) {
			buf[o++] = '\\';
			buf[o++] = 'x';
			buf[o++] = hex[c >> 4];
			buf[o++] = hex[c & 15];
		} else {
			buf[o++] = (char)c;
		}
		i++;
	}
	buf[o < cap ? o : cap - 1] = '\0';
	return buf;
}
