/*
 * OCP_EXPORT marks the definitions of the ABI (include/ocp.h). ELF and Mach-O libraries are compiled with
 * hidden visibility so that only these leave them, and the internal functions shared between the core's files
 * stay private. A Windows DLL exports what is marked dllexport, and once anything is, nothing else (the linker's
 * automatic export of every global applies only to a DLL that marks nothing).
 */
#ifndef OCP_EXPORT_H
#define OCP_EXPORT_H

#if defined(_WIN32)
#define OCP_EXPORT __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#define OCP_EXPORT __attribute__((visibility("default")))
#else
#define OCP_EXPORT
#endif

#endif
