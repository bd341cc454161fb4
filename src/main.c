/* main.c - tierstat's entry point: everything is in ts_cli_main(). */
#include "ts.h"
#include "cli.h"

int main(int argc, char **argv)
{
	return ts_cli_main(argc, argv);
}
