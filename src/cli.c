/* cli.c - global options and the command table (see cli.h). */
#include "ts.h"
#include "cli.h"
#include "templates.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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

int ts_cli_main(int argc, char **argv)
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
			fputs(ts_tpl_usage_main_txt, stdout);
			return TS_EXIT_OK;
		case 'V':
			printf("tierstat %s\n", TS_VERSION);
			return TS_EXIT_OK;
		default:
			if (optopt)
				return ts_cli_usage_error(NULL, "unknown option '-%c'", optopt);
			return ts_cli_usage_error(NULL, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return ts_cli_usage_error(NULL, "no command given (try 'tierstat analyze METRICS_DIR')");
	for (size_t i = 0; i < TS_COUNTOF(cmds); i++)
		if (strcmp(argv[optind], cmds[i].name) == 0)
			return cmds[i].run(argc - optind, argv + optind);
	return ts_cli_usage_error(NULL, "unknown command '%s'", argv[optind]);
}
