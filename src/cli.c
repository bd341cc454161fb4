/* cli.c - global options and the command table (see cli.h). */
#include "ts.h"
#include "cli.h"
#include "diag.h"
#include "templates.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

struct ts_cmd {
	const char *name;
	int (*run)(int argc, char **argv);  /* argv[0] is the command name */
};

static const struct ts_cmd cmds[] = {
	{ "analyze", ts_cmd_analyze },
};

int ts_cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("tierstat: ", stderr);
	if (cmd)
		fprintf(stderr, "%s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'tierstat %s%s--help' for more information.\n",
		cmd ? cmd : "", cmd ? " " : "");
	return TS_EXIT_FAILURE;
}

/* The long option of `opts` that the command-line word `word` ("--gray",
 * "--grayscale=1") names, with value `val` (any value: -1); NULL when
 * none or several do (*several is then the count). */
static const struct option *long_option(const struct option *opts, const char *word,
					int val, int *several)
{
	const struct option *found = NULL;
	size_t n;

	*several = 0;
	if (strncmp(word, "--", 2) != 0)
		return NULL;
	word += 2;
	n = strcspn(word, "=");
	for (const struct option *o = opts; o->name; o++) {
		if (strncmp(o->name, word, n) != 0 || (val >= 0 && o->val != val))
			continue;
		if (strlen(o->name) == n)
			return o;   /* exact: not an abbreviation */
		found = o;
		++*several;
	}
	return *several == 1 ? found : NULL;
}

int ts_cli_option_error(const char *cmd, int c, const struct option *opts,
			char **argv)
{
	const char *word = argv[optind - 1];   /* getopt has gone past it */
	const struct option *o;
	char list[256] = "";
	int several;

	if (optopt == 0) {   /* a long option glibc does not know, or several */
		long_option(opts, word, -1, &several);
		if (several < 2)
			return ts_cli_usage_error(cmd, "unknown option '%s'", word);
		for (const struct option *p = opts; p->name; p++)
			if (strncmp(p->name, word + 2, strcspn(word + 2, "=")) == 0 &&
			    strlen(list) + strlen(p->name) + 5 < sizeof(list))
				snprintf(list + strlen(list), sizeof(list) - strlen(list),
					 "%s--%s", *list ? ", " : "", p->name);
		return ts_cli_usage_error(cmd, "option '%.*s' is ambiguous (%s)",
					  (int)strcspn(word, "="), word, list);
	}
	/* optopt is the option's value: a long option's, or the letter of a
	 * short one (which may sit inside a cluster such as "-qx") */
	o = long_option(opts, word, optopt, &several);
	if (o && c == ':')
		return ts_cli_usage_error(cmd, "option '--%s' needs a value", o->name);
	if (o)
		return ts_cli_usage_error(cmd, "option '--%s' doesn't allow an argument", o->name);
	if (c == ':')
		return ts_cli_usage_error(cmd, "option '-%c' needs a value", optopt);
	if (optopt > ' ' && optopt < 127)
		return ts_cli_usage_error(cmd, "unknown option '-%c'", optopt);
	return ts_cli_usage_error(cmd, "unknown option '-\\x%02x'", (unsigned)optopt & 0xff);
}

/* errno of the first failed write of a --help text, 0 if none */
static int help_errno;

void ts_cli_print_help(const char *text)
{
	if (fputs(text, stdout) == EOF && !help_errno)
		help_errno = errno;
}

/* coreutils' close_stdout: what was printed must have reached stdout
 * (`tierstat --help > /dev/full`). Returns rc, or TS_EXIT_FAILURE after
 * saying why. */
static int check_stdout(int rc)
{
	int failed = ferror(stdout), err;
	struct ts_diag d;

	errno = 0;
	if (fflush(stdout) != 0)
		failed = 1;
	if (!failed)
		return rc;
	err = errno ? errno : help_errno;
	ts_diag_init(&d, stderr);
	ts_diag_run(&d, TS_ERROR, "cannot write to standard output%s%s (what was printed there is lost)",
		    err ? ": " : "", err ? strerror(err) : "");
	return TS_EXIT_FAILURE;
}

static int run_cli(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 0;   /* glibc: 0 re-initialises getopt (STYLE.md 4.4) */
	opterr = 0;
	/* "+": stop at the command name; its options are its own */
	while ((c = getopt_long(argc, argv, "+:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			ts_cli_print_help(ts_tpl_usage_main_txt);
			return TS_EXIT_OK;
		case 'V':
			printf("tierstat %s\n"
			       "License GPL-3.0-or-later <https://gnu.org/licenses/gpl.html>\n"
			       "This is free software: you are free to change and redistribute it.\n"
			       "There is NO WARRANTY, to the extent permitted by law.\n", TS_VERSION);
			return TS_EXIT_OK;
		default:
			return ts_cli_option_error(NULL, c, opts, argv);
		}
	}
	if (optind >= argc)
		return ts_cli_usage_error(NULL, "no command given (try 'tierstat analyze METRICS_DIR')");
	for (size_t i = 0; i < TS_COUNTOF(cmds); i++)
		if (strcmp(argv[optind], cmds[i].name) == 0)
			return cmds[i].run(argc - optind, argv + optind);
	return ts_cli_usage_error(NULL, "unknown command '%s'", argv[optind]);
}

int ts_cli_main(int argc, char **argv)
{
	return check_stdout(run_cli(argc, argv));
}

int ts_cli_parse_list(const char *s, const struct ts_cli_word *words, size_t n,
		      unsigned *bits)
{
	unsigned all = 0;

	if (!s || !*s)
		return -1;
	for (;;) {
		size_t len = strcspn(s, ","), i;
		for (i = 0; i < n; i++)
			if (len == strlen(words[i].name) && strncasecmp(s, words[i].name, len) == 0)
				break;
		if (i == n)
			return -1;   /* unknown or empty */
		all |= words[i].bit;
		if (!s[len])
			break;
		s += len + 1;
	}
	*bits = all;
	return 0;
}
