/* faultio.c - an LD_PRELOAD shim that makes chosen output calls fail, so
 * that the end-to-end tests run tierstat's error paths over real files
 * (jq's src/inject_errors.c idea; STYLE.md 2.9).
 *
 * Environment:
 *   FAULTIO_PATH   substring of the path to fail (required; unset = off)
 *   FAULTIO_CALL   write, fsync, close, rename, fclose, unlink or any
 *                  (default any; unlink only when named: "any" leaves
 *                  unlink and unlinkat alone, so that the temporary files
 *                  of a failed set are still cleaned up)
 *   FAULTIO_ERRNO  ENOSPC, EIO or EACCES (default EIO)
 *
 * The path of a file descriptor is read from /proc/self/fd/N, so a
 * temporary file ".tierstat-fig2_rtf_comparison.png.XXXXXX" matches
 * FAULTIO_PATH=fig2. rename matches on either name; unlink and unlinkat
 * on the name as given (for unlinkat, relative to its folder). Only descriptors of
 * regular files are failed (never stderr or a pipe), and a failed close
 * or fclose still closes the descriptor, as POSIX close does on EIO.
 *
 * glibc's stdio writes and closes through internal calls that a shim
 * cannot see, so for a stream the faults surface where a full disk shows
 * itself to a stdio user: "write" fails fflush and fclose, "close" and
 * "fclose" fail fclose (the stream is still closed).
 * Built as build/inject/faultio.so (-fPIC -shared -ldl).
 */
#define _GNU_SOURCE 1
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int want_errno(void)
{
	const char *e = getenv("FAULTIO_ERRNO");

	if (e && strcmp(e, "ENOSPC") == 0)
		return ENOSPC;
	if (e && strcmp(e, "EACCES") == 0)
		return EACCES;
	return EIO;
}

/* True when `call` is armed for a name containing FAULTIO_PATH. */
static int armed(const char *call, const char *name)
{
	const char *pat = getenv("FAULTIO_PATH");
	const char *c = getenv("FAULTIO_CALL");

	if (!pat || !*pat || !name)
		return 0;
	if (c && *c && strcmp(c, "any") != 0 && strcmp(c, call) != 0)
		return 0;
	return strstr(name, pat) != NULL;
}

/* The path behind fd when it is a regular file, else "" (buf has n bytes). */
static const char *fd_path(int fd, char *buf, size_t n)
{
	char link[64];
	struct stat st;
	ssize_t got;
	int saved = errno;

	buf[0] = '\0';
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		errno = saved;
		return buf;
	}
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	got = readlink(link, buf, n - 1);
	buf[got > 0 ? (size_t)got : 0] = '\0';
	errno = saved;
	return buf;
}

static int fd_armed(const char *call, int fd)
{
	char path[4096];

	return armed(call, fd_path(fd, path, sizeof(path)));
}

/* dlsym returns void *; going through a union keeps -Wpedantic quiet. */
#define NEXT(type, name) \
	static type real_##name; \
	if (!real_##name) { \
		union { void *p; type f; } u_; \
		u_.p = dlsym(RTLD_NEXT, #name); \
		real_##name = u_.f; \
	}

typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef int (*fd_fn)(int);
typedef int (*rename_fn)(const char *, const char *);
typedef int (*fclose_fn)(FILE *);
typedef int (*unlink_fn)(const char *);
typedef int (*unlinkat_fn)(int, const char *, int);
typedef int (*fflush_fn)(FILE *);

ssize_t write(int fd, const void *buf, size_t n)
{
	NEXT(write_fn, write);
	if (fd_armed("write", fd)) {
		errno = want_errno();
		return -1;
	}
	return real_write(fd, buf, n);
}

int fsync(int fd)
{
	NEXT(fd_fn, fsync);
	if (fd_armed("fsync", fd)) {
		errno = want_errno();
		return -1;
	}
	return real_fsync(fd);
}

int close(int fd)
{
	int fail;

	NEXT(fd_fn, close);
	fail = fd_armed("close", fd);
	if (real_close(fd) != 0)
		return -1;
	if (fail) {
		errno = want_errno();
		return -1;
	}
	return 0;
}

int rename(const char *from, const char *to)
{
	NEXT(rename_fn, rename);
	if (armed("rename", from) || armed("rename", to)) {
		errno = want_errno();
		return -1;
	}
	return real_rename(from, to);
}

/* unlink is failed only when FAULTIO_CALL says unlink (see the header). */
static int unlink_armed(const char *name)
{
	const char *c = getenv("FAULTIO_CALL");

	return c && strcmp(c, "unlink") == 0 && armed("unlink", name);
}

int unlink(const char *path)
{
	NEXT(unlink_fn, unlink);
	if (unlink_armed(path)) {
		errno = want_errno();
		return -1;
	}
	return real_unlink(path);
}

int unlinkat(int dirfd, const char *path, int flags)
{
	NEXT(unlinkat_fn, unlinkat);
	if (unlink_armed(path)) {
		errno = want_errno();
		return -1;
	}
	return real_unlinkat(dirfd, path, flags);
}

static int stream_armed(const char *call, FILE *fp)
{
	return fp && fd_armed(call, fileno(fp));
}

int fflush(FILE *fp)
{
	NEXT(fflush_fn, fflush);
	if (stream_armed("write", fp)) {
		errno = want_errno();
		return EOF;
	}
	return real_fflush(fp);
}

int fclose(FILE *fp)
{
	int fail, rc;

	NEXT(fclose_fn, fclose);
	fail = stream_armed("write", fp) || stream_armed("close", fp) ||
	       stream_armed("fclose", fp);
	rc = real_fclose(fp);
	if (fail) {
		errno = want_errno();
		return EOF;
	}
	return rc;
}
