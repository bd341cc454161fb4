/* diag.c - diagnostics of one run (see diag.h). */
#include "ts.h"
#include "diag.h"
#include "mem.h"
#include "progress.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char *const sev_names[] = { "note", "warning", "error" };

void ts_diag_init(struct ts_diag *d, FILE *out)
{
	memset(d, 0, sizeof(*d));
	d->out = out;
	d->per_file_cap = 20;
}

/* In the order of struct ts_diag_counts; the store's column names. */
const char *const ts_diag_count_names[TS_DIAG_NCOUNTS] = {
	"n_note", "n_warning", "n_error", "cells_dropped", "rows_dropped", "files_dropped",
};

unsigned long *ts_diag_count(struct ts_diag_counts *c, int i)
{
	unsigned long *v[TS_DIAG_NCOUNTS] = {
		&c->note, &c->warning, &c->error, &c->cells, &c->rows, &c->files,
	};
	return v[i];
}

void ts_diag_counts_add(struct ts_diag_counts *into, const struct ts_diag_counts *x)
{
	struct ts_diag_counts y = *x;

	for (int i = 0; i < TS_DIAG_NCOUNTS; i++)
		*ts_diag_count(into, i) += *ts_diag_count(&y, i);
}

struct ts_diag_counts ts_diag_counts_sub(const struct ts_diag_counts *a,
					 const struct ts_diag_counts *b)
{
	struct ts_diag_counts x = *a, y = *b;

	for (int i = 0; i < TS_DIAG_NCOUNTS; i++)
		*ts_diag_count(&x, i) -= *ts_diag_count(&y, i);
	return x;
}

int ts_diag_counts_any(const struct ts_diag_counts *c)
{
	struct ts_diag_counts x = *c;

	for (int i = 0; i < TS_DIAG_NCOUNTS; i++)
		if (*ts_diag_count(&x, i))
			return 1;
	return 0;
}

/* Write to d->out, holding the progress line off the terminal. */
static void put(struct ts_diag *d, const char *text, size_t len)
{
	if (!d->out || !len)
		return;
	if (d->out == stderr)
		ts_progress_hold();
	fwrite(text, 1, len, d->out);
	if (d->out == stderr)
		ts_progress_release();
}

/* The counters follow the enums: note, warning, error are counters 0 to
 * 2; a drop of a cell, row, file counters 3 to 5. */
static void count(struct ts_diag *d, enum ts_sev sev, enum ts_drop drop)
{
	(*ts_diag_count(&d->n, (int)sev))++;
	if (drop != TS_DROP_NONE)
		(*ts_diag_count(&d->n, 2 + (int)drop))++;
}

static void vreport(struct ts_diag *d, enum ts_sev sev, enum ts_drop drop,
		    const char *file, long line, long col, const char *fmt,
		    va_list ap) TS_PRINTF(7, 0);

static void vreport(struct ts_diag *d, enum ts_sev sev, enum ts_drop drop,
		    const char *file, long line, long col, const char *fmt,
		    va_list ap)
{
	char head[64], *what, *msg;

	count(d, sev, drop);
	if (file && d->cap_file && strcmp(file, d->cap_file) == 0) {
		if (d->cap_count >= d->per_file_cap) {
			if (!d->cap_hidden++ || sev > d->cap_worst)
				d->cap_worst = sev;
			return;
		}
		d->cap_count++;
	}
	if (!d->out)
		return;
	head[0] = '\0';
	if (file && line > 0 && col > 0)
		snprintf(head, sizeof(head), ":%ld:%ld", line, col);
	else if (file && line > 0)
		snprintf(head, sizeof(head), ":%ld", line);
	{
		va_list aq;
		int n;
		va_copy(aq, ap);
		n = vsnprintf(NULL, 0, fmt, aq);
		va_end(aq);
		what = ts_xmalloc(n > 0 ? (size_t)n + 1 : 1);
		vsnprintf(what, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
	}
	msg = file ? ts_xasprintf("tierstat: %s%s: %s: %s\n", file, head, sev_names[sev], what)
		   : ts_xasprintf("tierstat: %s: %s\n", sev_names[sev], what);
	put(d, msg, strlen(msg));
	free(msg);
	free(what);
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

void ts_diag_run(struct ts_diag *d, enum ts_sev sev, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(d, sev, TS_DROP_NONE, NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void ts_diag_add_dropped(struct ts_diag *d, enum ts_drop drop, unsigned long n)
{
	if (drop != TS_DROP_NONE)
		*ts_diag_count(&d->n, 2 + (int)drop) += n;
}

void ts_diag_file_begin(struct ts_diag *d, const char *file)
{
	d->cap_file = file;
	d->cap_count = 0;
	d->cap_hidden = 0;
	d->cap_worst = TS_NOTE;
}

void ts_diag_file_end(struct ts_diag *d)
{
	const char *file = d->cap_file;
	unsigned long hidden = d->cap_hidden;

	d->cap_file = NULL;
	d->cap_hidden = 0;
	d->cap_count = 0;
	if (hidden && d->out) {
		/* not counted again: each hidden message was */
		char *msg = ts_xasprintf("tierstat: %s: %s: %lu more problem%s in this file not shown\n",
					 file, sev_names[d->cap_worst], hidden, hidden == 1 ? "" : "s");
		put(d, msg, strlen(msg));
		free(msg);
	}
}

void ts_diag_capture_begin(struct ts_diag *d, struct ts_diag_capture *c)
{
	memset(c, 0, sizeof(*c));
	c->before = d->n;
	c->out = d->out;
	c->mem = open_memstream(&c->text, &c->len);
	if (c->mem)
		d->out = c->mem;   /* without memory: printed at once instead */
}

void ts_diag_capture_end(struct ts_diag *d, struct ts_diag_capture *c)
{
	if (c->mem) {
		fclose(c->mem);
		c->mem = NULL;
		d->out = c->out;
	}
	c->counts = ts_diag_counts_sub(&d->n, &c->before);
}

void ts_diag_replay(struct ts_diag *d, const struct ts_diag_counts *counts,
		    const char *text, size_t len)
{
	if (text)
		put(d, text, len);
	if (counts)
		ts_diag_counts_add(&d->n, counts);
}

int ts_diag_exit_status(const struct ts_diag *d)
{
	return d->n.warning || d->n.error ? TS_EXIT_PARTIAL : TS_EXIT_OK;
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
