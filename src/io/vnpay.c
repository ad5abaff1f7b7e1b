/*
 * vnpay.c - signing and checking VNPay 2.1.0 parameters (see vnpay.h).
 * libsodium computes the HMAC-SHA512 and compares in constant time.
 */
#include "io/vnpay.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"

void vnpay_params_init(struct vnpay_params *ps) { memset(ps, 0, sizeof(*ps)); }

void vnpay_params_release(struct vnpay_params *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		free(ps->p[i].name);
		free(ps->p[i].value);
	}
	vnpay_params_init(ps);
}

const char *vnpay_get(const struct vnpay_params *ps, const char *name)
{
	for (size_t i = 0; i < ps->n; i++)
		if (strcmp(ps->p[i].name, name) == 0)
			return ps->p[i].value;
	return NULL;
}

enum mc_code vnpay_add(struct vnpay_params *ps, const char *name,
		       const char *value, struct mc_err *err)
{
	if (vnpay_get(ps, name))
		return mc_fail(err, MC_ERR_INPUT, "query",
			       "query: %.40s is given twice", name);
	if (ps->n == VNPAY_MAX_PARAMS)
		return mc_fail(err, MC_ERR_TOO_LARGE, "query",
			       "query: more than %d parameters",
			       VNPAY_MAX_PARAMS);
	struct vnpay_param *p = &ps->p[ps->n];
	p->name = strdup(name);
	p->value = strdup(value ? value : "");
	if (!p->name || !p->value) {
		free(p->name);
		free(p->value);
		p->name = p->value = NULL;
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	}
	ps->n++;
	return MC_OK;
}

enum mc_code vnpay_add_int(struct vnpay_params *ps, const char *name,
			   int64_t value, struct mc_err *err)
{
	char buf[24];
	snprintf(buf, sizeof(buf), "%lld", (long long)value);
	return vnpay_add(ps, name, buf, err);
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode s[0..n) into a new string; NULL on a bad escape. */
static char *decode(const char *s, size_t n, bool *nomem)
{
	char *out = malloc(n + 1);
	if (!out) {
		*nomem = true;
		return NULL;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			out[k++] = ' ';
		} else if (s[i] == '%') {
			int hi = i + 2 < n ? hex_digit(s[i + 1]) : -1;
			int lo = i + 2 < n ? hex_digit(s[i + 2]) : -1;
			if (hi < 0 || lo < 0 || (hi << 4 | lo) == 0) {
				free(out);
				return NULL;
			}
			out[k++] = (char)(hi << 4 | lo);
			i += 2;
		} else {
			out[k++] = s[i];
		}
	}
	out[k] = '\0';
	return out;
}

static enum mc_code parse_pair(const char *s, size_t n,
			       struct vnpay_params *out, struct mc_err *err)
{
	const char *eq = memchr(s, '=', n);
	size_t name_len = eq ? (size_t)(eq - s) : n;
	bool nomem = false;
	char *name = decode(s, name_len, &nomem);
	char *value = name ? decode(eq ? eq + 1 : s + n,
				    eq ? n - name_len - 1 : 0, &nomem)
			   : NULL;
	enum mc_code rc = MC_OK;
	if (nomem)
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	else if (!name || !value || !*name)
		rc = mc_fail(err, MC_ERR_INPUT, "query",
			     "query: a parameter is badly encoded");
	else if (limit_check(LIMIT_URL, "query", name, err) ||
		 limit_check(LIMIT_URL, "query", value, err))
		rc = MC_ERR_INPUT; /* not UTF-8, a control character, ... */
	else
		rc = vnpay_add(out, name, value, err);
	free(name);
	free(value);
	return rc;
}

enum mc_code vnpay_parse(const char *query, struct vnpay_params *out,
			 struct mc_err *err)
{
	vnpay_params_init(out);
	size_t len = query ? strlen(query) : 0;
	if (len > VNPAY_MAX_QUERY)
		return mc_fail(err, MC_ERR_TOO_LARGE, "query",
			       "query: %zu bytes is over the %d-byte limit",
			       len, VNPAY_MAX_QUERY);
	const char *s = query;
	while (s && *s) {
		const char *amp = strchr(s, '&');
		size_t n = amp ? (size_t)(amp - s) : strlen(s);
		enum mc_code rc = n ? parse_pair(s, n, out, err) : MC_OK;
		if (rc) {
			vnpay_params_release(out);
			return rc;
		}
		s = amp ? amp + 1 : NULL;
	}
	return MC_OK;
}

void vnpay_encode(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.') {
			strbuf_add(sb, (const char *)p, 1);
		} else if (c == ' ') {
			strbuf_add(sb, "+", 1);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			strbuf_add(sb, e, 3);
		}
	}
}

static bool signed_name(const char *name)
{
	return strncmp(name, "vnp_", 4) == 0 &&
	       strcmp(name, "vnp_SecureHash") != 0 &&
	       strcmp(name, "vnp_SecureHashType") != 0;
}

static int by_name(const void *a, const void *b)
{
	const struct vnpay_param *x = *(const struct vnpay_param *const *)a;
	const struct vnpay_param *y = *(const struct vnpay_param *const *)b;
	return strcmp(x->name, y->name);
}

void vnpay_sign_data(const struct vnpay_params *ps, struct strbuf *out)
{
	const struct vnpay_param *sorted[VNPAY_MAX_PARAMS];
	size_t n = 0;
	for (size_t i = 0; i < ps->n; i++)
		if (signed_name(ps->p[i].name))
			sorted[n++] = &ps->p[i];
	qsort(sorted, n, sizeof(*sorted), by_name);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_add(out, "&", 1);
		vnpay_encode(out, sorted[i]->name);
		strbuf_add(out, "=", 1);
		vnpay_encode(out, sorted[i]->value);
	}
}

void vnpay_hmac(const char *key, size_t key_len, const char *data, size_t len,
		char hex[VNPAY_HASH_HEX + 1])
{
	unsigned char mac[crypto_auth_hmacsha512_BYTES];
	crypto_auth_hmacsha512_state st;
	crypto_auth_hmacsha512_init(&st, (const unsigned char *)key, key_len);
	crypto_auth_hmacsha512_update(&st, (const unsigned char *)data, len);
	crypto_auth_hmacsha512_final(&st, mac);
	sodium_bin2hex(hex, VNPAY_HASH_HEX + 1, mac, sizeof(mac));
	sodium_memzero(&st, sizeof(st));
}

void vnpay_signed_query(const struct vnpay_params *ps, const char *base,
			const char *secret, size_t secret_len,
			struct strbuf *out)
{
	struct strbuf data;
	strbuf_init(&data);
	vnpay_sign_data(ps, &data);
	char hex[VNPAY_HASH_HEX + 1];
	vnpay_hmac(secret, secret_len, data.buf ? data.buf : "", data.len, hex);
	if (base) {
		strbuf_puts(out, base);
		strbuf_add(out, strchr(base, '?') ? "&" : "?", 1);
	}
	if (data.len) {
		strbuf_add(out, data.buf, data.len);
		strbuf_add(out, "&", 1);
	}
	strbuf_puts(out, "vnp_SecureHash=");
	strbuf_puts(out, hex);
	if (data.oom)
		out->oom = true;
	strbuf_release(&data);
}

bool vnpay_verify(const struct vnpay_params *ps, const char *secret,
		  size_t secret_len)
{
	const char *given = vnpay_get(ps, "vnp_SecureHash");
	if (!given || strlen(given) != VNPAY_HASH_HEX)
		return false;
	struct strbuf data;
	strbuf_init(&data);
	vnpay_sign_data(ps, &data);
	char hex[VNPAY_HASH_HEX + 1], lower[VNPAY_HASH_HEX + 1];
	vnpay_hmac(secret, secret_len, data.buf ? data.buf : "", data.len, hex);
	bool oom = data.oom;
	strbuf_release(&data);
	for (size_t i = 0; i <= VNPAY_HASH_HEX; i++)
		lower[i] = (given[i] >= 'A' && given[i] <= 'F')
				   ? (char)(given[i] - 'A' + 'a')
				   : given[i];
	return !oom && sodium_memcmp(hex, lower, VNPAY_HASH_HEX) == 0;
}
