/* h_queue.h - handlers of the hall queue (h_queue.c) and the display's event stream (sse.c). */
#ifndef YC_H_QUEUE_H
#define YC_H_QUEUE_H

#include "http/http.h"

/* public: the kiosk, the online pages, the live position, appointments */
int h_public_queue(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_public_ticket_issue(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_public_ticket_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_public_slots(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_public_appt_book(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_public_appt_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_public_appt_cancel(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_public_appt_checkin(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);

/* staff */
int h_qticket_issue(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_qticket_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_qticket_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_qticket_abandon(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_qwindow_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_qwindow_mine(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_qwindow_action(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_qboard(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_qstats(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_qpolicy_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_qpolicy_put(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_qslots_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_qslots_put(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);

/* sse.c: GET /api/display/stream, and the poller thread that feeds every stream of the process */
int h_display_stream(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
/* Start the poller (after the daemon has started): 0 or -1. */
int yc_sse_start(void);
/* End every stream and resume the suspended ones (before MHD_stop_daemon). */
void yc_sse_shutdown(void);
/* Join the poller and free what is left (after MHD_stop_daemon). */
void yc_sse_stop(void);

#endif
