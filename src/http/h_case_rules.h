/* h_case_rules.h - handlers of the case rules of case_rules.c: joint tasks' opinions, 容缺
 * materials received, the matters handled jointly, the case policy. */
#ifndef YC_H_CASE_RULES_H
#define YC_H_CASE_RULES_H

#include "http/http.h"

int h_case_task_event(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_case_material_receive(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_joint_list(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_joint_set(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_case_policy_get(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
int h_case_policy_put(struct yc_req *req, struct yc_resp *resp, struct yc_err *err);
/* departments: [id, ...] (1..YC_CASE_TASKS_MAX integers) into the arena; NULL arr: none. */
int yc_case_dept_ids(struct yc_req *req, const json_t *arr, int64_t **out, size_t *n,
                     struct yc_err *err) YC_MUST;

#endif
