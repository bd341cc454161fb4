/* tables.h - the tables a thesis copies (issue 14 item 1): table_hardware
 * (the seed's Table 3.1) and table_results, each as LaTeX, Markdown and
 * CSV, from the tier model.
 *
 * LaTeX: a table environment with \caption and \label{tab:hardware} or
 * \label{tab:results}, a booktabs tabular (\toprule, \midrule,
 * \bottomrule; no vertical rules): the document needs
 * \usepackage{booktabs}. Names have _ & % # $ { } ~ ^ \ < > | escaped
 * (and -- split); other text is UTF-8 as it came (LuaLaTeX or XeLaTeX
 * for scripts pdflatex lacks). Markdown: a GitHub pipe table, | and \
 * escaped as \| and \\. In both, a newline (or any control character) in
 * a name is a space, and numbers are rounded by round.h.
 * CSV (RFC 4180): UTF-8, CRLF line ends, a header row, a field quoted
 * when it holds a comma, a quote or a line break; numbers at full
 * precision as Python's repr writes them (repr.h), empty when unknown.
 *
 * The module only formats: files are opened and closed by the output set
 * (outfile.h), and a write error is found when the set closes the file.
 */
#ifndef TS_TABLES_H
#define TS_TABLES_H

#include "ts.h"
#include "diag.h"
#include "figures.h"
#include "outfile.h"
#include "tiers.h"

#include <stdio.h>

/* --tables: which formats (bits). */
enum ts_tables_format {
	TS_TAB_TEX = 1u << 0,
	TS_TAB_MD = 1u << 1,
	TS_TAB_CSV = 1u << 2,
	TS_TAB_ALL = 0x7u
};

enum ts_table { TS_TABLE_HARDWARE, TS_TABLE_RESULTS };

/* Parse --tables: a comma-separated list of tex, md, csv (any subset,
 * any order, any case), or "none" alone (no table). Returns 0, or -1 on
 * an unknown or empty word. */
int ts_tables_parse(const char *s, unsigned *formats);

/* Write table `which` in one format (a single TS_TAB_* bit) to fp.
 * table_results shows each mean with the error `eb` (--errorbar: SD, SE,
 * the 95 % t interval, or the mean alone) and, when t has a reference,
 * the RTF ratio with its 95 % interval. */
void ts_tables_write(FILE *fp, enum ts_table which, unsigned format,
		     const struct ts_tiers *t, enum ts_fig_errorbar eb);

/* Write both tables in every format of `formats` into `set`, as
 * "table_hardware.<ext>" and "table_results.<ext>" (ext tex, md, csv).
 * Returns the number of files added, or -1 when one could not be opened
 * or closed (reported; the set is marked failed). */
int ts_tables_render(const struct ts_tiers *t, unsigned formats,
		     enum ts_fig_errorbar eb, struct ts_outset *set,
		     struct ts_diag *d);

#endif /* TS_TABLES_H */
