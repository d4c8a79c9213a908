/* h_catalogue.h - handlers of the matter catalogue. */
#ifndef YC_H_CATALOGUE_H
#define YC_H_CATALOGUE_H

#include "http/http.h"

#endif
