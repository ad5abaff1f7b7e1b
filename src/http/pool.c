/*
 * pool.c - one application handle per worker thread. A store handle is
 * not shared between threads, so a request borrows a whole struct app
 * (store, calendar) for its duration; readers run side by side and the
 * store's write transactions plus the busy timeout serialise writers.
 */
#include <stdlib.h>

#include "http/http_int.h"

enum mc_code http_pool_open(struct http_pool *p, const char *db, unsigned n,
			    int64_t now, struct mc_err *err)
{
	p->apps = calloc(n, sizeof(*p->apps));
	p->busy = calloc(n, sizeof(*p->busy));
	p->n = 0;
	atomic_init(&p->waiters, 0);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->freed, NULL);
	if (!p->apps || !p->busy)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	for (; p->n < n; p->n++) {
		enum mc_code rc = app_open(db, &p->apps[p->n], err);
		if (rc)
			return rc;
		if (now)
			p->apps[p->n].now = now;
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

/* Take a free handle without the lock; false when all are busy. */
static bool take_free(struct http_pool *p, struct app **out)
{
	for (unsigned i = 0; i < p->n; i++) {
		if (!atomic_load_explicit(&p->busy[i], memory_order_relaxed) &&
		    !atomic_exchange(&p->busy[i], true)) {
			*out = &p->apps[i];
			return true;
		}
	}
	return false;
}

/* Every request takes and gives back a handle, so the usual path is one
 * atomic exchange; the lock and condition are only for the rare request
 * that finds every handle busy (more MHD threads than handles). */
struct app *http_pool_acquire(struct http_pool *p)
{
	struct app *app;
	if (take_free(p, &app))
		return app;
	pthread_mutex_lock(&p->lock);
	atomic_fetch_add(&p->waiters, 1);
	/* a release after the count went up signals; one before it left a
	 * handle free for this scan */
	while (!take_free(p, &app))
		pthread_cond_wait(&p->freed, &p->lock);
	atomic_fetch_sub(&p->waiters, 1);
	pthread_mutex_unlock(&p->lock);
	return app;
}

void http_pool_release(struct http_pool *p, struct app *app)
{
	atomic_store(&p->busy[app - p->apps], false);
	if (atomic_load(&p->waiters) > 0) {
		pthread_mutex_lock(&p->lock);
		pthread_cond_signal(&p->freed);
		pthread_mutex_unlock(&p->lock);
	}
}
