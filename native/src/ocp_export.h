/*
 * OCP_EXPORT marks the definitions of the ABI (include/ocp.h): the library is compiled with hidden visibility
 * so that only these leave it, and the internal functions shared between the core's files stay private.
 */
#ifndef OCP_EXPORT_H
#define OCP_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define OCP_EXPORT __attribute__((visibility("default")))
#else
#define OCP_EXPORT
#endif

#endif
