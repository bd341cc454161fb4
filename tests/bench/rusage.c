/* rusage.c - run one command, report its wall time and peak memory.
 *
 *     rusage RESULT_FILE COMMAND [ARG...]
 *
 * Runs COMMAND (stdin, stdout and stderr inherited), waits for it with
 * wait4() and writes one line to RESULT_FILE:
 *
 *     <wall seconds> <ru_maxrss KiB> <exit status> <CPU seconds>
 *
 * exit status is the command's, or 128 + signal; CPU seconds are user +
 * system time of the command and its waited-for children (all threads). The wall time runs from
 * just before fork() to just after wait4() (CLOCK_MONOTONIC). rusage itself
 * exits with the command's status, or 127 when it could not run it.
 */
#define _DEFAULT_SOURCE 1 /* wait4() */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	FILE *out;
	pid_t pid;
	int st, code;

	if (argc < 3) {
		fprintf(stderr, "usage: rusage RESULT_FILE COMMAND [ARG...]\n");
		return 127;
	}
	out = fopen(argv[1], "w");
	if (!out) {
		fprintf(stderr, "rusage: %s: %s\n", argv[1], strerror(errno));
		return 127;
	}
	fflush(NULL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "rusage: fork: %s\n", strerror(errno));
		return 127;
	}
	if (pid == 0) {
		fclose(out);
		execvp(argv[2], argv + 2);
		fprintf(stderr, "rusage: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &st, 0, &ru) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "rusage: wait4: %s\n", strerror(errno));
			return 127;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	fprintf(out, "%.6f %ld %d %.6f\n",
		(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
		ru.ru_maxrss, code,
		(double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
		(double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6);
	if (fclose(out) != 0) {
		fprintf(stderr, "rusage: %s: %s\n", argv[1], strerror(errno));
		return 127;
	}
	return code;
}
