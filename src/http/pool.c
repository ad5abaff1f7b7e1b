/*
 * pool.c - one application handle per worker thread. SQLite connections
 * are not shared between threads, so a request borrows a whole struct app
 * (store, calendar) for its duration; WAL lets readers run side by side
 * and BEGIN IMMEDIATE plus the busy timeout serialise writers.
 */
#include <stdlib.h>

#include "http/http_int.h"

enum mc_code http_pool_open(struct http_pool *p, const char *db, unsigned n,
			    struct mc_err *err)
{
	p->apps = calloc(n, sizeof(*p->apps));
	p->busy = calloc(n, sizeof(*p->busy));
	p->n = 0;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->freed, NULL);
	if (!p->apps || !p->busy)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	for (; p->n < n; p->n++) {
		enum mc_code rc = app_open(db, &p->apps[p->n], err);
		if (rc)
			return rc;
	}
	return MC_OK;
}

void http_pool_close(struct http_pool *p)
{
	for (unsigned i = 0; i < p->n; i++)
		app_close(&p->apps[i]);
	free(p->apps);
	free(p->busy);
	p->apps = NULL;
	p->busy = NULL;
	p->n = 0;
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->freed);
}

struct app *http_pool_acquire(struct http_pool *p)
{
	pthread_mutex_lock(&p->lock);
	for (;;) {
		for (unsigned i = 0; i < p->n; i++) {
			if (!p->busy[i]) {
				p->busy[i] = true;
				pthread_mutex_unlock(&p->lock);
				return &p->apps[i];
			}
		}
		pthread_cond_wait(&p->freed, &p->lock);
	}
}

void http_pool_release(struct http_pool *p, struct app *app)
{
	pthread_mutex_lock(&p->lock);
	p->busy[app - p->apps] = false;
	pthread_cond_signal(&p->freed);
	pthread_mutex_unlock(&p->lock);
}
