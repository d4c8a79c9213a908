/* h_catalogue.h - handlers of the matter catalogue (routes in routes_catalogue.inc). */
#ifndef YC_H_CATALOGUE_H
#define YC_H_CATALOGUE_H

#include "http/http.h"

int h_matters_search(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_matters_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_matter_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_matter_update(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_matter_versions(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_matter_version(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_matter_guide(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_matter_guide_pdf(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_public_guide(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_public_matters(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_catalogue_import(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_catalogue_export(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_catalogue_annex2(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_departments_create(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_departments_update(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);

#endif
