/* texesc.h - text escaped for LaTeX: one rule for every file tierstat
 * writes for a thesis to \input (the tables, captions.tex, numbers.tex).
 *
 * The ten special characters and the three that print otherwise in
 * LaTeX's default OT1 encoding:
 *     \ { } $ & % # _ ~ ^      ->  \textbackslash{} \{ \} \$ \& \% \# \_
 *                                  \textasciitilde{} \textasciicircum{}
 *     < > |                    ->  \textless{} \textgreater{} \textbar{}
 * '[', ']' and '*' braced ({[} {]} {*}), so that text that follows a \\
 * or a command is never taken for its optional argument or its star; a
 * '-' before another (or before an en dash) is "-{}", so that "--" in a
 * name stays two hyphens; "±" is \ensuremath{\pm} (pdfLaTeX's default
 * fonts lack it in text), a no-break space "~", an en dash "--", and a
 * control character (a newline too) a space. Any other byte is copied:
 * UTF-8 as it came, for inputenc (Latin, Greek, Cyrillic) or for
 * LuaLaTeX and XeLaTeX (any script with a font that has it).
 *
 * Pure: no state, no locale.
 */
#ifndef TS_TEXESC_H
#define TS_TEXESC_H

#include "ts.h"

#include <stdio.h>

/* s escaped as above, into fp. */
void ts_tex_put(FILE *fp, const char *s);

/* s escaped as above, as a new string (caller frees). */
char *ts_tex_escape(const char *s);

#endif /* TS_TEXESC_H */
