/* cli.h - the command line: global options, the command table, usage.
 *
 * ts_cli_main() is all of main(); every command is one cmd_*.c file with
 * a run function in the table of cli.c.
 */
#ifndef TS_CLI_H
#define TS_CLI_H

#include "ts.h"

/* Run tierstat with argv; returns the exit status (enum ts_exit). */
int ts_cli_main(int argc, char **argv);

/* Print a usage error for `cmd` (NULL for the top level) to stderr:
 * "tierstat: [cmd: ]WHAT" and a hint to --help. Returns TS_EXIT_FAILURE. */
int ts_cli_usage_error(const char *cmd, const char *fmt, ...) TS_PRINTF(2, 3);

/* Print a --help text to stdout. A text longer than stdio's buffer is
 * written before check_stdout() flushes, so the reason of a failure
 * ("No space left on device") is kept here for its message. */
void ts_cli_print_help(const char *text);

struct option;

/* The usage error for what getopt_long(argc, argv, ...) just returned,
 * `c` being '?' or ':' (the option string must start with ':' and opterr
 * be 0): an unknown option ("unknown option '--frob'"), an abbreviation
 * that fits several ("option '--f' is ambiguous (--format, --font)"), a
 * flag given a value ("option '--grayscale' doesn't allow an argument",
 * GNU's words) or an option without its value ("option '--dpi' needs a
 * value"). A long option is named in full, as in `opts`. Prints it as
 * ts_cli_usage_error() does and returns TS_EXIT_FAILURE. */
int ts_cli_option_error(const char *cmd, int c, const struct option *opts,
			char **argv);

/* A word a list option accepts, and its bit. */
struct ts_cli_word {
	const char *name;
	unsigned bit;
};

/* A comma-separated list of words[0..n) (any case: "png,PDF") into the
 * OR of their bits. Returns 0, or -1 (bits untouched) for NULL, an empty
 * list, or an empty or unknown word ("png,", "gif"). */
int ts_cli_parse_list(const char *s, const struct ts_cli_word *words, size_t n,
		      unsigned *bits);

/* `tierstat analyze` (cmd_analyze.c). */
int ts_cmd_analyze(int argc, char **argv);

#endif /* TS_CLI_H */
