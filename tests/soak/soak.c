/*
 * soak.c - `make soak`: the server under a flood, on loopback only, for
 * a bounded time (SOAK_SECONDS, default 20). Sixteen clients, each from
 * its own 127.0.0.x address, file online as fast as they can; one
 * address opens 200 half-sent requests; four connections trickle a byte
 * every half second. Meanwhile a clerk receives a filing at the counter
 * every half second. It passes (exit 0) when every counter filing was
 * received, every trickle was cut at the deadline and the flood got only
 * 201 and 429; it prints what each side got.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>

#include "http/env.h"

#define FLOODERS 16
#define HOLDERS 200
#define TRICKLERS 4
#define DEADLINE 5

#define FILING                                                     \
	"{\"MaTTHC\":\"1.000001\",\"DonViXuLy\":\"" DISTRICT "\"," \
	"\"KenhThucHien\":\"2\",\"ChuHoSo\":\"Nguyễn Văn An\"," \
	"\"SoGiayToChuHoSo\":\"001090012345\",\"LoaiDoiTuong\":\"1\"}"
#define COUNTER_FILING                                                       \
	"{\"decision\":\"accept\",\"filing\":{\"MaTTHC\":\"1.000001\","      \
	"\"DonViXuLy\":\"" DISTRICT "\",\"KenhThucHien\":\"1\","             \
	"\"ChuHoSo\":\"Trần Bình\",\"SoGiayToChuHoSo\":\"079190000001\"," \
	"\"LoaiDoiTuong\":\"1\"}}"

struct soak {
	struct env e;
	atomic_bool stop;
	atomic_long created, limited, other;
	atomic_int cut;
};

struct flooder {
	struct soak *s;
	char src[20];
};

static void *flood(void *arg)
{
	struct flooder *f = arg;
	struct soak *s = f->s;
	while (!atomic_load(&s->stop)) {
		struct reply r;
		client_request_from(s->e.port, f->src, "POST",
				    "/api/v1/dossiers", NULL, FILING, &r);
		if (r.status == 201)
			atomic_fetch_add(&s->created, 1);
		else if (r.status == 429)
			atomic_fetch_add(&s->limited, 1);
		else
			atomic_fetch_add(&s->other, 1);
		reply_release(&r);
	}
	return NULL;
}

static void *trickle(void *arg)
{
	struct soak *s = arg;
	int fd = client_connect_from(s->e.port, "127.0.0.98");
	static const char text[] = "POST /api/v1/dossiers HTTP/1.1\r\n"
				   "Host: 127.0.0.1\r\nX-Slow: "
				   "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";
	for (size_t i = 0; fd >= 0 && i < sizeof(text) - 1; i++) {
		char c;
		struct timespec half = {0, 500 * 1000000L};
		if (send(fd, text + i, 1, MSG_NOSIGNAL) != 1 ||
		    recv(fd, &c, 1, MSG_DONTWAIT) == 0) {
			atomic_fetch_add(&s->cut, 1);
			break;
		}
		nanosleep(&half, NULL);
	}
	if (fd >= 0)
		close(fd);
	return NULL;
}

static int hold(unsigned port, int *fds)
{
	static const char part[] = "POST /api/v1/dossiers HTTP/1.1\r\nHost: ";
	int open = 0;
	for (int i = 0; i < HOLDERS; i++) {
		fds[i] = client_connect_from(port, "127.0.0.99");
		if (fds[i] >= 0 &&
		    send(fds[i], part, sizeof(part) - 1, MSG_NOSIGNAL) > 0)
			open++;
	}
	return open;
}

/* The clerk's side: one counter filing every half second. */
static void counter(struct soak *s, int seconds, int *ok, int *tries)
{
	struct session clerk;
	env_login(&s->e, "clerk31", &clerk);
	for (*ok = *tries = 0; *tries < seconds * 2; (*tries)++) {
		struct reply r;
		struct timespec half = {0, 500 * 1000000L};
		client_request(s->e.port, "POST", "/api/v1/dossiers/receive",
			       clerk.headers, COUNTER_FILING, &r);
		*ok += r.status == 201;
		if (r.status != 201)
			fprintf(stderr, "soak: counter filing answered %d\n",
				r.status);
		reply_release(&r);
		nanosleep(&half, NULL);
	}
}

int main(void)
{
	static struct soak s;
	const char *env_secs = getenv("SOAK_SECONDS");
	int seconds = env_secs ? atoi(env_secs) : 20, ok, tries;
	if (seconds < DEADLINE * 2 || seconds > 600)
		seconds = 20;
	env_open_with(&s.e, (struct http_config){.threads = 4,
						 .request_deadline = DEADLINE});
	pthread_t fl[FLOODERS], tr[TRICKLERS];
	struct flooder f[FLOODERS];
	for (int i = 0; i < FLOODERS; i++) {
		f[i].s = &s;
		snprintf(f[i].src, sizeof(f[i].src), "127.0.0.%d", 10 + i);
		pthread_create(&fl[i], NULL, flood, &f[i]);
	}
	int fds[HOLDERS], held = hold(s.e.port, fds);
	for (int i = 0; i < TRICKLERS; i++)
		pthread_create(&tr[i], NULL, trickle, &s);
	counter(&s, seconds, &ok, &tries);
	atomic_store(&s.stop, true);
	for (int i = 0; i < FLOODERS; i++)
		pthread_join(fl[i], NULL);
	for (int i = 0; i < TRICKLERS; i++)
		pthread_join(tr[i], NULL);
	for (int i = 0; i < HOLDERS; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	printf("soak: %d s; flood from %d addresses: %ld filed, %ld refused "
	       "429, %ld other\n",
	       seconds, FLOODERS, atomic_load(&s.created),
	       atomic_load(&s.limited), atomic_load(&s.other));
	printf("soak: %d half-sent requests sent from one address, %ld "
	       "connections refused; %d of %d trickles cut at %d s\n",
	       held, env_event(&s.e, "connection_refused"), atomic_load(&s.cut),
	       TRICKLERS, DEADLINE);
	printf("soak: counter: %d of %d filings received\n", ok, tries);
	env_close(&s.e);
	bool pass = ok == tries && atomic_load(&s.cut) == TRICKLERS &&
		    atomic_load(&s.other) == 0;
	printf("soak: %s\n", pass ? "passed" : "FAILED");
	return pass ? 0 : 1;
}
