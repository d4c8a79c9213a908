/* h_case_docs.h - handlers of a case's documents: its notices as PDF and the seal ledger. */
#ifndef YC_H_CASE_DOCS_H
#define YC_H_CASE_DOCS_H

#include "http/http.h"

int h_case_notice(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_seal_uses(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);

#endif
