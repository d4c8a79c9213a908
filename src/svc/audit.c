/* audit.c - reading and verifying the audit chain. */
#include "svc/svc.h"
#include "base/banned.h"

int
yc_svc_audit_page(struct yc_ctx *ctx, int64_t before, int limit, struct yc_audit_entry **out,
                  size_t *n, struct yc_err *err)
{
    int rc = yc_svc_allow(ctx, YC_OP_AUDIT_READ, err);

    if (rc) {
        return rc;
    }
    return yc_store_audit_page(ctx->db, ctx->arena, before, limit, out, n, err);
}

int
yc_svc_audit_verify(struct yc_ctx *ctx, int64_t *entries, int64_t *broken_seq,
                    const char **reason, struct yc_err *err)
{
    int rc = yc_svc_allow(ctx, YC_OP_AUDIT_READ, err);

    if (rc) {
        return rc;
    }
    return yc_store_audit_verify(ctx->db, entries, broken_seq, reason, err);
}
