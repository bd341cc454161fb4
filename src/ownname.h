/* ownname.h - the names of the files tierstat writes, in one list.
 *
 * Outputs: the figures fig1_memory_comparison, fig2_rtf_comparison,
 * fig3_success_rate, fig4_relative, fig_hardware_summary,
 * fig5_memory_timeline and timeline_<key> (any key: one per tier with
 * realtime samples), each as .png, .pdf or .svg and as .csv (the data
 * behind it); the tables
 * table_hardware and table_results, each as .tex, .md or .csv;
 * hardware_metadata.json, captions.tex and captions.md. Temporary files
 * (outfile.c):
 * ".tierstat-OUTPUT.XXXXXX" while an output is written, and
 * ".tierstat-OUTPUT.XXXXXX.old", the link to the previous output kept
 * while a set is committed (XXXXXX: mkstemp's six letters and digits).
 *
 * Two questions are asked of a name, with two strictnesses:
 *   - the scanner: is this (or a file derived from one) tierstat's, so
 *     never an input and never worth a note? ts_own_name_like(): a
 *     prefix test.
 *   - outfile.c: may this file be removed as an output of an earlier run?
 *     ts_own_name(): exactly an output or a temporary file name, nothing
 *     else ("fig1_memory_comparison.png.bak" is the user's).
 * Pure: no I/O, no global state. base is a NUL-terminated base name.
 */
#ifndef TS_OWNNAME_H
#define TS_OWNNAME_H

#include "ts.h"

enum ts_own {
	TS_OWN_NONE,    /* not a name tierstat writes */
	TS_OWN_OUTPUT,  /* exactly an output's name */
	TS_OWN_TEMP     /* exactly a temporary file's name */
};

/* What `base` is, matched exactly (see above). */
enum ts_own ts_own_name(const char *base);

/* True when `base` starts like one of tierstat's names: a figure's stem
 * and a dot, "timeline_" and a later dot, "hardware_metadata.json", or
 * ".tierstat-". */
int ts_own_name_like(const char *base);

#endif /* TS_OWNNAME_H */
