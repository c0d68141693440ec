package dev.ocp.natives;

/**
 * Which platform a shared library is built for, read from its header as the platform's loader would: an ELF
 * shared object's machine, a PE32+ DLL's machine, a Mach-O dylib's CPU type. Named as the jar's folders name
 * platforms, or a short phrase saying what the bytes are instead.
 */
final class BinaryFormat {

    private static final int ELF_SHARED_OBJECT = 3;
    private static final int ELF_X86_64 = 62;
    private static final int ELF_AARCH64 = 183;
    private static final int PE_DLL = 0x2000;
    private static final int PE32_PLUS = 0x20B;
    private static final int PE_AMD64 = 0x8664;
    private static final long MACHO_64 = 0xFEEDFACFL;
    private static final int MACHO_DYLIB = 6;
    private static final int MACHO_X86_64 = 0x01000007;
    private static final int MACHO_ARM64 = 0x0100000C;

    private BinaryFormat() {
    }

    static String platformOf(byte[] b) {
        if (b.length >= 20 && b[0] == 0x7F && b[1] == 'E' && b[2] == 'L' && b[3] == 'F') {
            if (b[4] != 2 || b[5] != 1) {
                return "not a 64-bit little-endian ELF file";
            }
            if (u16(b, 16) != ELF_SHARED_OBJECT) {
                return "not an ELF shared object";
            }
            int machine = u16(b, 18);
            return machine == ELF_X86_64 ? "linux-x86_64" : machine == ELF_AARCH64 ? "linux-aarch64"
                    : "ELF machine " + machine;
        }
        if (b.length >= 64 && b[0] == 'M' && b[1] == 'Z') {
            long pe = u32(b, 0x3C);
            if (pe + 26 > b.length || b[(int) pe] != 'P' || b[(int) pe + 1] != 'E' || b[(int) pe + 2] != 0
                    || b[(int) pe + 3] != 0) {
                return "not a PE file";
            }
            int at = (int) pe + 4; // the COFF file header
            if ((u16(b, at + 18) & PE_DLL) == 0) {
                return "not a DLL";
            }
            if (u16(b, at + 20) != PE32_PLUS) {
                return "not a PE32+ file";
            }
            int machine = u16(b, at);
            return machine == PE_AMD64 ? "windows-x86_64" : "PE machine 0x" + Integer.toHexString(machine);
        }
        if (b.length >= 16 && u32(b, 0) == MACHO_64) {
            if (u32(b, 12) != MACHO_DYLIB) {
                return "not a Mach-O dylib";
            }
            long cpu = u32(b, 4);
            return cpu == MACHO_ARM64 ? "macos-aarch64" : cpu == MACHO_X86_64 ? "macos-x86_64"
                    : "Mach-O CPU type 0x" + Long.toHexString(cpu);
        }
        return "unknown";
    }

    // ---- the smallest headers that platformOf reads, for its own test ----

    static byte[] elf(int machine) {
        byte[] b = new byte[64];
        b[0] = 0x7F;
        b[1] = 'E';
        b[2] = 'L';
        b[3] = 'F';
        b[4] = 2;
        b[5] = 1;
        b[16] = ELF_SHARED_OBJECT;
        b[18] = (byte) machine;
        b[19] = (byte) (machine >> 8);
        return b;
    }

    static byte[] pe(int machine, boolean dll) {
        byte[] b = new byte[256];
        b[0] = 'M';
        b[1] = 'Z';
        b[0x3C] = (byte) 0x80;
        b[0x80] = 'P';
        b[0x81] = 'E';
        b[0x84] = (byte) machine;
        b[0x85] = (byte) (machine >> 8);
        int characteristics = 0x0022 | (dll ? PE_DLL : 0);
        b[0x84 + 18] = (byte) characteristics;
        b[0x84 + 19] = (byte) (characteristics >> 8);
        b[0x84 + 20] = (byte) PE32_PLUS;
        b[0x84 + 21] = (byte) (PE32_PLUS >> 8);
        return b;
    }

    static byte[] macho(int cpu) {
        byte[] b = new byte[32];
        put32(b, 0, MACHO_64);
        put32(b, 4, cpu);
        put32(b, 12, MACHO_DYLIB);
        return b;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return u16(b, at) | (long) u16(b, at + 2) << 16;
    }

    private static void put32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >> (8 * i));
        }
    }
}
