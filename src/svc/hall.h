/* hall.h - use cases of the hall, posts, delegation letters, AB posts, seals, reform figures (included by svc.h). */
#ifndef YC_SVC_HALL_H
#define YC_SVC_HALL_H

#endif
