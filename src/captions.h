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
 * escaped for LaTeX by texesc.h (± is \ensuremath{\pm}, "95 %" keeps its
 * space unbreakable; a tier name in a script pdfLaTeX lacks needs
 * LuaLaTeX or XeLaTeX). captions.md has one paragraph per figure, Markdown's
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

#endif /* TS_CAPTIONS_H */
