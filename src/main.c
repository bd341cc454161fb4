/* main.c - tierstat's entry point: everything is in ts_cli_main().
 *
 * TIERSTAT_CSV_FAST=0 in the environment turns the CSV fast path off
 * (csvread.h ts_csv_fast_path): the tests and the bench run every case
 * both ways, the outputs must not differ. */
#include "ts.h"
#include "cli.h"
#include "csvread.h"

#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	const char *fast = getenv("TIERSTAT_CSV_FAST");

	if (fast && strcmp(fast, "0") == 0)
		ts_csv_fast_path = 0;
	return ts_cli_main(argc, argv);
}
