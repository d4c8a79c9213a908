/*
 * queue_demo.c - demo data of the queue: appointment slots for every zone of the demo hall,
 * hourly in the morning and the afternoon, half-days in the 企业服务专厅 (enterprise zone).
 */
#include <string.h>

#include "svc/queue_int.h"
#include "base/banned.h"

static const struct {
    int start_min, end_min, capacity;
} hourly[] =
    {
        {9 * 60, 10 * 60, 4},
        {10 * 60, 11 * 60, 4},
        {11 * 60, 12 * 60, 4},
        {14 * 60 + 30, 15 * 60 + 30, 4},
        {15 * 60 + 30, 16 * 60 + 30, 4},
},
  half_day[] = {
      {9 * 60, 12 * 60, 12},
      {14 * 60 + 30, 17 * 60 + 30, 12},
};

int
yc_svc_queue_demo_load(struct yc_ctx *ctx, int *created, struct yc_err *err)
{
    struct yc_zone *z;
    size_t nz;
    int64_t have = 0, id;
    int rc = yc_store_q_slot_count(ctx->db, &have, err);

    if (rc || have) {
        return rc;
    }
    rc = yc_store_zone_list(ctx->db, ctx->arena, &z, &nz, err);
    for (size_t i = 0; rc == 0 && i < nz; i++) {
        int half = strcmp(z[i].kind, "enterprise") == 0;
        size_t n =
            half ? sizeof(half_day) / sizeof(half_day[0]) : sizeof(hourly) / sizeof(hourly[0]);
        if (strcmp(z[i].kind, "virtual") == 0) {
            continue;
        }
        for (size_t j = 0; rc == 0 && j < n; j++) {
            struct yc_qslot s = {0};
            s.zone_id = z[i].id;
            s.start_min = half ? half_day[j].start_min : hourly[j].start_min;
            s.end_min = half ? half_day[j].end_min : hourly[j].end_min;
            s.capacity = half ? half_day[j].capacity : hourly[j].capacity;
            rc = yc_store_q_slot_insert(ctx->db, &s, &id, err);
        }
        *created = 1;
    }
    if (rc == 0 && nz) {
        rc = yc_svc_audit(ctx, err, "queue.slots", "demo", "演示数据：%zu 个区域的预约时段", nz);
    }
    return rc;
}
