/* manifest.c - input files hashed with nettle's SHA-256 (see manifest.h). */
#include "ts.h"
#include "manifest.h"
#include "mem.h"
#include "pool.h"

#include <stdatomic.h>

#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (256 * 1024)

int ts_manifest_sha256(const char *path, char hex[65], long long *size)
{
	/* as the loaders open: a FIFO must not block, a terminal not be taken */
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	struct sha256_ctx sum;
	uint8_t digest[SHA256_DIGEST_SIZE];
	unsigned char *buf;
	long long total = 0;
	struct stat st;
	ssize_t got = 0;

	hex[0] = '\0';
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	sha256_init(&sum);
	buf = ts_xmalloc(CHUNK);
	for (;;) {
		got = read(fd, buf, CHUNK);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		sha256_update(&sum, (size_t)got, buf);
		total += got;
	}
	if (got == 0) {
		sha256_digest(&sum, sizeof(digest), digest);
		for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
			snprintf(hex + 2 * i, 3, "%02x", digest[i]);
		*size = total;
	}
	free(buf);
	close(fd);
	return got == 0 ? 0 : -1;
}

struct ts_manifest_job {
	const struct ts_inputs *in;
	struct ts_manifest_file *files;
	struct ts_pool *pool;
	atomic_int cancel;      /* released unfinished: hash no more */
};

static void hash_one(void *ctx, size_t i)
{
	struct ts_manifest_job *j = ctx;
	struct ts_manifest_file *f = &j->files[i];

	if (atomic_load(&j->cancel))
		return;
	f->rel = j->in->v[i].rel;
	f->size = j->in->v[i].size;
	ts_manifest_sha256(j->in->v[i].path, f->sha256, &f->size);
}

void ts_manifest_hash_start(struct ts_manifest *m, const struct ts_inputs *in)
{
	struct ts_manifest_job *j = ts_xcalloc(1, sizeof(*j));

	atomic_init(&j->cancel, 0);
	j->in = in;
	m->nr_files = in->nr;
	m->files = j->files = ts_xcalloc(in->nr ? in->nr : 1, sizeof(*m->files));
	j->pool = ts_pool_start(in->nr, ts_pool_default_threads() > 1 ? 1 : 0, hash_one, j);
	m->pending = j;
}

void ts_manifest_hash_finish(struct ts_manifest *m)
{
	if (!m->pending)
		return;
	ts_pool_finish(m->pending->pool);
	free(m->pending);
	m->pending = NULL;
}

void ts_manifest_release(struct ts_manifest *m)
{
	if (m->pending)   /* a run that ends early: no need of the hashes */
		atomic_store(&m->pending->cancel, 1);
	ts_manifest_hash_finish(m);
	free(m->files);
	m->files = NULL;
	m->nr_files = 0;
}
