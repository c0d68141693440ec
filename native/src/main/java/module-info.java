/**
 * The C core of OCP built for each platform, and the one loader that finds and loads it. Its package is for the
 * native engines ({@code dev.ocp.engine.ffm}, {@code dev.ocp.engine.jna}), not for applications.
 */
module dev.ocp.natives {
    exports dev.ocp.natives;
}
