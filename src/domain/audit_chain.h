/*
 * audit_chain.h - the hash chain of the audit log (pure: no I/O).
 *
 * hash(n) = hex SHA-256 of prev_hash "\n" seq "\n" at "\n" actor "\n" action "\n" object "\n"
 * summary, with prev_hash of the first entry = 64 zeros. Changing, removing or reordering any entry
 * breaks every hash after it.
 */
#ifndef YC_AUDIT_CHAIN_H
#define YC_AUDIT_CHAIN_H

#include <stdint.h>

#define YC_AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

struct yc_audit_entry {
    int64_t seq;
    int64_t at; /* unix ms */
    const char *actor;
    const char *action;
    const char *object;
    const char *summary;
    const char *prev_hash;
    const char *hash;
};

/* Compute the hash of e (its prev_hash included) into out (65 bytes, hex + NUL). */
void yc_audit_hash(const struct yc_audit_entry *e, char out[65]);

/*
 * Check one entry against the one before it (expected_prev: its hash, or the genesis; expected_seq:
 * its seq + 1). 0 when it holds; otherwise a negative number and *reason (static Chinese text).
 */
int yc_audit_check(const struct yc_audit_entry *e, const char *expected_prev, int64_t expected_seq,
                   const char **reason);

#endif
