/* h_supervise.h - handlers of supervision and evaluation: the board, orders, ratings,
 * rectifications, appeals and the public rating page. */
#ifndef YC_H_SUPERVISE_H
#define YC_H_SUPERVISE_H

#include "http/http.h"

int h_sup_board(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_sup_config_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_sup_config_put(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_orders_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_order_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_order_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_order_reply(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_order_close(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_ratings_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_rating_appeal(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_rects_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_rect_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_rect_callback(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_rect_action(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_appeals_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_appeal_decide(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_rate_page(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_rate(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);

#endif
