/* templates.h - text embedded from templates/ at build time.
 *
 * The Makefile turns templates/<path> into a NUL-terminated C string
 * ts_tpl_<path with every non-alphanumeric byte as '_'>.
 */
#ifndef TS_TEMPLATES_H
#define TS_TEMPLATES_H

extern const char ts_tpl_schema_sql[];          /* templates/schema.sql */
extern const char ts_tpl_usage_main_txt[];      /* templates/usage/main.txt */
extern const char ts_tpl_usage_analyze_txt[];   /* templates/usage/analyze.txt */

#endif /* TS_TEMPLATES_H */
