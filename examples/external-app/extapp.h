/* SPDX-License-Identifier: MIT */
/* Shared by the external example's two files. */
#ifndef EXTAPP_H
#define EXTAPP_H

/* Run the C library demo; returns the number of failed checks. */
int demo_run(void);

#endif
