package dev.ocp;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.ocp.markdown.MarkdownOptions;
import dev.ocp.transform.Rewriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The api's layers run one way (issue 57, point 3): the reader core, then the renderers and the transform, each in
 * a package of its own, then what wires them together; no package cycle among them.
 *
 * <p>Every package of {@code dev.ocp} is a slice of its own ({@code slices().matching("dev.ocp.(**)")} would leave
 * the root package out), but for the reader core, which is three packages that cannot be layered apart without
 * changing public signatures: {@code dev.ocp} (the API, its document, cursor, node and node reader, and the
 * {@code Ocp} facade), {@code dev.ocp.spi} (the format and what engines build on) and {@code dev.ocp.internal}
 * (their helpers, and the {@link dev.ocp.internal.Renderers} service through which the core reaches the
 * renderers). {@code ProviderInfo.provider()} returns an {@code OcpEngineProvider} whose {@code create} returns an
 * {@code OcpEngine}, and {@code StandardDocument} implements {@code OcpDocument}, so {@code dev.ocp} and
 * {@code dev.ocp.spi} name each other in their signatures.
 *
 * <p>Two types of the packages above the core appear in the core's own public signatures and are let through:
 * {@link MarkdownOptions} ({@code OcpDocument.renderMarkdown(Appendable, MarkdownOptions)}) and {@link Rewriter}
 * ({@code OcpDocument.transform(Rewriter)}). The core passes them on to the service and calls nothing of theirs;
 * {@link #CORE_USES_NOTHING_ABOVE_IT} holds it to that.
 */
class LayersTest {
    private static final String CORE = "core (dev.ocp, dev.ocp.spi, dev.ocp.internal)";
    private static final Set<String> CORE_PACKAGES = Set.of("dev.ocp", "dev.ocp.spi", "dev.ocp.internal");

    /** Every package of the api its own slice, the root package included, but the three of the reader core. */
    static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            if (CORE_PACKAGES.contains(pkg)) {
                return SliceIdentifier.of(CORE);
            }
            return pkg.startsWith("dev.ocp.") ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "every package of dev.ocp, the reader core's three as one";
        }
    };

    /** A class of the reader core. */
    private static final DescribedPredicate<JavaClass> IN_THE_CORE = DescribedPredicate.describe("in the core",
            c -> CORE_PACKAGES.contains(c.getPackageName()));

    /** The two types of the packages above the core that the core's public signatures name. */
    private static final DescribedPredicate<JavaClass> SIGNATURE_TYPES = DescribedPredicate.describe(
            "MarkdownOptions or Rewriter", c -> c.isEquivalentTo(MarkdownOptions.class)
                    || c.isEquivalentTo(Rewriter.class));

    static final ArchRule NO_PACKAGE_CYCLES = slices().assignedFrom(PACKAGES)
            .should().beFreeOfCycles()
            .ignoreDependency(IN_THE_CORE, SIGNATURE_TYPES)
            .because("the reader core depends on no renderer or transform, and no renderer on what sits above it"
                    + " (issue 57)");

    static final ArchRule CORE_USES_NOTHING_ABOVE_IT = noClasses()
            .that().resideInAnyPackage(CORE_PACKAGES.toArray(String[]::new))
            .should().dependOnClassesThat(DescribedPredicate.describe("are above the core (but for the two types"
                    + " its signatures name)", (JavaClass c) -> c.getPackageName().startsWith("dev.ocp.")
                    && !CORE_PACKAGES.contains(c.getPackageName())
                    && !c.isEquivalentTo(MarkdownOptions.class) && !c.isEquivalentTo(Rewriter.class)))
            .because("the core reaches the renderers and the transform only through dev.ocp.internal.Renderers");

    private static JavaClasses api;

    @BeforeAll
    static void importMainCode() {
        api = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ocp");
    }

    @Test
    void packagesFormNoCycle() {
        NO_PACKAGE_CYCLES.check(api);
    }

    @Test
    void coreUsesNothingAboveIt() {
        CORE_USES_NOTHING_ABOVE_IT.check(api);
    }
}
