package dev.ocp.cli;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module dependency rules (README, section Modules), by package, so that they already hold the modules
 * still to come ({@code dev.ocp.engine.ffm}, {@code .jna}, {@code .wasm}, {@code dev.ocp.bench}) the moment
 * they land.
 */
final class ArchitectureRules {
    private static final String[] API = {"dev.ocp", "dev.ocp.spi..", "dev.ocp.internal..", "dev.ocp.toc..",
            "dev.ocp.html..", "dev.ocp.json..", "dev.ocp.mdast..", "dev.ocp.markdown..", "dev.ocp.text..",
            "dev.ocp.transform..", "dev.ocp.chunk.."};

    private ArchitectureRules() {
    }

    static final ArchRule API_DEPENDS_ONLY_ON_THE_JDK = classes()
            .that().resideInAnyPackage(API)
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(API, "java.."))
            .because("the api module depends on nothing but the JDK (README, section Modules)");

    static final ArchRule ENGINES_ARE_INDEPENDENT = slices()
            .matching("dev.ocp.engine.(*)..")
            .should().notDependOnEachOther()
            .because("an engine depends on the api and its own binding library, never on another engine");

    static final ArchRule ENGINES_DO_NOT_USE_THE_TCK = noClasses()
            .that().resideInAPackage("dev.ocp.engine..")
            .should().dependOnClassesThat().resideInAPackage("dev.ocp.tck..")
            .because("an engine's main code depends on the api and its own binding only; the TCK tests it");

    static final ArchRule ONLY_FFM_USES_FOREIGN = onlyPackageUses("dev.ocp.engine.ffm..", "java.lang.foreign..",
            "only the ffm engine touches java.lang.foreign");

    static final ArchRule ONLY_JNA_USES_JNA = onlyPackageUses("dev.ocp.engine.jna..", "com.sun.jna..",
            "only the jna engine touches JNA");

    static final ArchRule ONLY_WASM_USES_CHICORY = onlyPackageUses("dev.ocp.engine.wasm..", "com.dylibso.chicory..",
            "only the wasm engine touches Chicory");

    static final ArchRule TCK_DEPENDS_ON_API_AND_JUNIT_ONLY = classes()
            .that().resideInAPackage("dev.ocp.tck..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(API, "dev.ocp.tck..", "java..",
                    "org.junit..", "org.opentest4j..", "org.apiguardian..", "com.google.gson.."))
            .because("the tck depends on the api (and JUnit, and Gson for its JSON fixtures) only and finds engines"
                    + " through the SPI");

    static final ArchRule NOTHING_DEPENDS_ON_BENCH = nothingElseUses("dev.ocp.bench..");

    static final ArchRule NOTHING_DEPENDS_ON_CLI = nothingElseUses("dev.ocp.cli..");

    static final ArchRule[] ALL = {API_DEPENDS_ONLY_ON_THE_JDK, ENGINES_ARE_INDEPENDENT, ENGINES_DO_NOT_USE_THE_TCK,
            ONLY_FFM_USES_FOREIGN, ONLY_JNA_USES_JNA, ONLY_WASM_USES_CHICORY, TCK_DEPENDS_ON_API_AND_JUNIT_ONLY,
            NOTHING_DEPENDS_ON_BENCH, NOTHING_DEPENDS_ON_CLI};

    private static ArchRule onlyPackageUses(String owner, String library, String why) {
        return noClasses()
                .that().resideOutsideOfPackage(owner)
                .should().dependOnClassesThat().resideInAPackage(library)
                .because(why);
    }

    private static ArchRule nothingElseUses(String module) {
        return noClasses()
                .that().resideOutsideOfPackage(module)
                .should().dependOnClassesThat().resideInAPackage(module)
                .because("nothing depends on bench or cli: they sit at the top of the module graph");
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
