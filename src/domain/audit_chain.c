/* audit_chain.c - hashing and checking entries of the audit chain. */
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "domain/audit_chain.h"
#include "base/str.h"
#include "base/banned.h"

static void
add_field(crypto_hash_sha256_state *st, const char *s)
{
    crypto_hash_sha256_update(st, (const unsigned char *)s, strlen(s));
    crypto_hash_sha256_update(st, (const unsigned char *)"\n", 1);
}

void
yc_audit_hash(const struct yc_audit_entry *e, char out[65])
{
    crypto_hash_sha256_state st;
    unsigned char digest[crypto_hash_sha256_BYTES];
    char num[32];

    crypto_hash_sha256_init(&st);
    add_field(&st, e->prev_hash);
    snprintf(num, sizeof(num), "%" PRId64, e->seq);
    add_field(&st, num);
    snprintf(num, sizeof(num), "%" PRId64, e->at);
    add_field(&st, num);
    add_field(&st, e->actor);
    add_field(&st, e->action);
    add_field(&st, e->object);
    crypto_hash_sha256_update(&st, (const unsigned char *)e->summary, strlen(e->summary));
    crypto_hash_sha256_final(&st, digest);
    yc_hex(digest, sizeof(digest), out);
}

int
yc_audit_check(const struct yc_audit_entry *e, const char *expected_prev, int64_t expected_seq,
               const char **reason)
{
    char h[65];

    if (e->seq != expected_seq) {
        *reason = "序号不连续（有记录被删除或插入）";
        return -1;
    }
    if (strcmp(e->prev_hash, expected_prev) != 0) {
        *reason = "前序哈希与上一条记录不符";
        return -2;
    }
    yc_audit_hash(e, h);
    if (strcmp(h, e->hash) != 0) {
        *reason = "记录内容与其哈希不符（内容被改动）";
        return -3;
    }
    return 0;
}
