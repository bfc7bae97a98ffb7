/* SPDX-License-Identifier: MIT */
/*
 * Character classes of the "C" locale (ASCII; bytes >= 0x80 belong to no
 * class).  The argument is an int holding an unsigned char value or EOF.
 */
#ifndef _LIBC_CTYPE_H
#define _LIBC_CTYPE_H

int isalnum(int c);
int isalpha(int c);
int isblank(int c);
int iscntrl(int c);
int isdigit(int c);
int isgraph(int c);
int islower(int c);
int isprint(int c);
int ispunct(int c);
int isspace(int c);
int isupper(int c);
int isxdigit(int c);
int isascii(int c);
int tolower(int c);
int toupper(int c);

#endif /* _LIBC_CTYPE_H */
