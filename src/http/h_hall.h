/* h_hall.h - handlers of the hall, posts, delegation letters, AB posts, seals, reform figures. */
#ifndef YC_H_HALL_H
#define YC_H_HALL_H

#include "http/http.h"

/* h_hall.c: the hall, duty, posts, leave, seals */
int h_hall_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_floor_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_zone_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_zone_update(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_window_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_window_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_window_update(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_window_serves(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_duty_assign(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_duty_remove(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_duty_day(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_posts_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_post_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_post_update(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_post_acting(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_post_handovers(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_leaves_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_leave_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_seals_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_seal_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_seal_update(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);

/* h_letters.c: delegation letters and the acceptance check */
int h_letters_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_letter_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_letter_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_letter_revoke(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_letter_check(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_letters_uncovered(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);

/* h_reform.c: the reform dashboard, JSON or XLSX */
int h_reform_summary(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_reform_part(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_reform_step_set(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);

/* Shared by the handlers above: an optional date query parameter (absent: dflt). */
int yc_hall_query_day(struct yc_req *req, const char *name, int32_t dflt, int32_t *out,
                      struct yc_err *err) YC_MUST;

#endif
