/* h_tablet.h - handlers of the window's evaluation tablet: enrolment at a window (staff) and the
 * tablet's own poll and rating (public, with its device key in X-Tablet-Key). */
#ifndef YC_H_TABLET_H
#define YC_H_TABLET_H

#include "http/http.h"

int h_tablet_enrol(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_tablet_revoke(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_tablet_now(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_tablet_rate(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);

#endif
