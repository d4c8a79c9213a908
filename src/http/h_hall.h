/* h_hall.h - handlers of the hall, posts, delegation letters, AB posts, seals, reform figures. */
#ifndef YC_H_HALL_H
#define YC_H_HALL_H

#include "http/http.h"

#endif
