/* catalogue.h - use cases of the matter catalogue (included by svc.h). */
#ifndef YC_SVC_CATALOGUE_H
#define YC_SVC_CATALOGUE_H

#endif
