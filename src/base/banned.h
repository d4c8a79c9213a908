/*
 * banned.h - calls that Yichuang never makes (after git's banned.h).
 * Included last by every source file through base.h; a banned call fails to compile.
 */
#ifndef YC_BANNED_H
#define YC_BANNED_H

#define YC_BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) YC_BANNED(strcpy)
#undef strcat
#define strcat(x, y) YC_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) YC_BANNED(strncpy)
#undef sprintf
#define sprintf(...) YC_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) YC_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) YC_BANNED(strtok)
#undef gets
#define gets(x) YC_BANNED(gets)
#undef atoi
#define atoi(x) YC_BANNED(atoi)
#undef atol
#define atol(x) YC_BANNED(atol)
#undef atof
#define atof(x) YC_BANNED(atof)
#undef gmtime
#define gmtime(x) YC_BANNED(gmtime)
#undef localtime
#define localtime(x) YC_BANNED(localtime)
#undef ctime
#define ctime(x) YC_BANNED(ctime)
#undef asctime
#define asctime(x) YC_BANNED(asctime)

#endif
