/* captions.h - captions.tex and captions.md: what each figure drawn
 * shows, in words (figures.h ts_fig_caption), for a thesis to \input or
 * copy, from the same run as the figures.
 *
 * captions.tex defines one robust command, \tscaption{NAME}, NAME a
 * figure's file name without extension:
 *
 *     \input{captions}
 *     \caption{\tscaption{fig1_memory_comparison}}
 *
 * An unknown NAME stops LaTeX with an error naming it. The text is
 * escaped for LaTeX (the ten special characters, < > |), ± is
 * \ensuremath{\pm}, "95 %" keeps its space unbreakable; any other
 * character is written as UTF-8 (pdfLaTeX's inputenc reads Latin and
 * Greek letters; a tier name in another script needs LuaLaTeX or
 * XeLaTeX). captions.md has one paragraph per figure, Markdown's
 * special characters escaped.
 */
#ifndef TS_CAPTIONS_H
#define TS_CAPTIONS_H

#include "ts.h"
#include "diag.h"
#include "figures.h"
#include "outfile.h"
#include "tiers.h"

/* Add captions.tex and captions.md to `set`, for the figures that
 * o->figures draws (fig4_relative only with a reference). Returns 0, or
 * -1 when one could not be written (reported; the set is failed). */
int ts_captions_write(struct ts_outset *set, const struct ts_tiers *t,
		      const struct ts_fig_opts *o, struct ts_diag *d);

/* s escaped for LaTeX text (as above), into fp. */
void ts_captions_put_tex(FILE *fp, const char *s);

#endif /* TS_CAPTIONS_H */
