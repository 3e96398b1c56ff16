/* progress.c — progress of a results load for a caller that shows it (the library never
 * prints): each reader reports the bytes and lines of every block it reads; the counts are
 * summed under a lock, since the parts of one file are read on several threads, and handed to
 * the caller's function (qc_load_options.progress), never concurrently. */
#define _POSIX_C_SOURCE 200809L
#include "ingest_internal.h"

void qc_ingest_on_block(void *user, size_t bytes, size_t lines)
{
    qc_ingest_progress *ps = user;
    pthread_mutex_lock(&ps->lock);
    ps->p.bytes += bytes;
    ps->p.lines += lines;
    if (ps->p.bytes > ps->p.total) ps->p.bytes = ps->p.total;  /* a file read twice */
    ps->fn(&ps->p, ps->user);
    pthread_mutex_unlock(&ps->lock);
}
