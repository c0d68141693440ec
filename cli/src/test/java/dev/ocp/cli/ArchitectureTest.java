package dev.ocp.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.ocp.Ocp;
import dev.ocp.bench.archfixture.BenchFixture;
import dev.ocp.engine.archfixture.EngineUsingAnotherEngine;
import dev.ocp.engine.archfixture.EngineUsingBenchAndCli;
import dev.ocp.engine.archfixture.EngineUsingChicory;
import dev.ocp.engine.archfixture.EngineUsingForeignMemory;
import dev.ocp.engine.archfixture.EngineUsingJna;
import dev.ocp.engine.archfixture.EngineUsingTheTck;
import dev.ocp.engine.ffm.archfixture.FfmUsingForeignMemory;
import dev.ocp.engine.java.JavaEngineProvider;
import dev.ocp.spi.StandardEngine;
import dev.ocp.spi.archfixture.ApiUsingAnEngine;
import dev.ocp.spi.archfixture.ApiUsingOnlyTheJdk;
import dev.ocp.tck.SpecExample;
import dev.ocp.tck.archfixture.TckUsingAnEngine;
import dev.ocp.tck.archfixture.TckUsingApiAndJunit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks the module dependency rules (README, section Modules) on the main code of every module (the cli
 * depends on all of them, so all are on this class path), and proves each rule can fail by evaluating it
 * against fixture classes that break it on purpose (and, where a rule permits something, a fixture that uses
 * the permission).
 */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importMainCode() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ocp");
    }

    @Test
    void importSeesTheMainCodeOfEveryModuleAndNoTestCode() {
        for (Class<?> c : new Class<?>[] {Ocp.class, StandardEngine.class, SpecExample.class,
                JavaEngineProvider.class, Main.class}) {
            assertTrue(production.contain(c), "the import misses " + c.getName() + ", so the rules would pass "
                    + "without looking at its module");
        }
        for (Class<?> fixture : new Class<?>[] {ApiUsingAnEngine.class, EngineUsingAnotherEngine.class,
                BenchFixture.class, ArchitectureTest.class}) {
            assertFalse(production.contain(fixture), "test class " + fixture.getName() + " was imported");
        }
    }

    @Test
    void mainCodeKeepsEveryRule() {
        for (ArchRule rule : ArchitectureRules.ALL) {
            rule.check(production);
        }
    }

    @Test
    void apiRuleReportsAnApiPackageUsingAnEngine() {
        assertViolation(ArchitectureRules.API_DEPENDS_ONLY_ON_THE_JDK, ApiUsingAnEngine.class);
        assertNoViolation(ArchitectureRules.API_DEPENDS_ONLY_ON_THE_JDK, ApiUsingOnlyTheJdk.class);
    }

    @Test
    void engineRuleReportsAnEngineUsingAnother() {
        assertViolation(ArchitectureRules.ENGINES_ARE_INDEPENDENT, EngineUsingAnotherEngine.class,
                JavaEngineProvider.class);
        // Two engines that only share the api are fine.
        assertNoViolation(ArchitectureRules.ENGINES_ARE_INDEPENDENT, EngineUsingForeignMemory.class,
                JavaEngineProvider.class);
    }

    @Test
    void engineTckRuleReportsAnEngineUsingTheTck() {
        assertViolation(ArchitectureRules.ENGINES_DO_NOT_USE_THE_TCK, EngineUsingTheTck.class);
    }

    @Test
    void foreignRuleReportsUseOutsideFfmAndAllowsItInFfm() {
        assertViolation(ArchitectureRules.ONLY_FFM_USES_FOREIGN, EngineUsingForeignMemory.class);
        assertNoViolation(ArchitectureRules.ONLY_FFM_USES_FOREIGN, FfmUsingForeignMemory.class,
                ApiUsingOnlyTheJdk.class);
    }

    @Test
    void jnaRuleReportsUseOutsideJna() {
        assertViolation(ArchitectureRules.ONLY_JNA_USES_JNA, EngineUsingJna.class);
    }

    @Test
    void chicoryRuleReportsUseOutsideWasm() {
        assertViolation(ArchitectureRules.ONLY_WASM_USES_CHICORY, EngineUsingChicory.class);
    }

    @Test
    void tckRuleReportsTheTckNamingAnEngine() {
        assertViolation(ArchitectureRules.TCK_DEPENDS_ON_API_AND_JUNIT_ONLY, TckUsingAnEngine.class);
        assertNoViolation(ArchitectureRules.TCK_DEPENDS_ON_API_AND_JUNIT_ONLY, TckUsingApiAndJunit.class);
    }

    @Test
    void benchAndCliRulesReportTheirUsers() {
        assertViolation(ArchitectureRules.NOTHING_DEPENDS_ON_BENCH, EngineUsingBenchAndCli.class);
        assertViolation(ArchitectureRules.NOTHING_DEPENDS_ON_CLI, EngineUsingBenchAndCli.class);
    }

    @Test
    void everyRuleIsProvenToFail() {
        // A rule added to ALL without a fixture that breaks it would be a check that cannot fail.
        Class<?>[] breakers = {ApiUsingAnEngine.class, EngineUsingAnotherEngine.class, JavaEngineProvider.class,
                EngineUsingTheTck.class, EngineUsingForeignMemory.class, EngineUsingJna.class,
                EngineUsingChicory.class, TckUsingAnEngine.class, EngineUsingBenchAndCli.class};
        JavaClasses fixtures = new ClassFileImporter().importClasses(breakers);
        for (ArchRule rule : ArchitectureRules.ALL) {
            assertTrue(rule.evaluate(fixtures).hasViolation(), "no fixture breaks: " + rule.getDescription());
        }
        assertEquals(9, ArchitectureRules.ALL.length, "a new rule needs a fixture above and a test of its own");
    }

    private static void assertViolation(ArchRule rule, Class<?> offender, Class<?>... others) {
        EvaluationResult result = rule.evaluate(fixtures(offender, others));
        assertTrue(result.hasViolation(), "rule did not report " + offender.getName() + ": " + rule.getDescription());
        String details = result.getFailureReport().getDetails().stream().collect(Collectors.joining("\n"));
        assertTrue(details.contains(offender.getName()), "the report does not name " + offender.getName() + ":\n"
                + details);
    }

    private static void assertNoViolation(ArchRule rule, Class<?> user, Class<?>... others) {
        EvaluationResult result = rule.evaluate(fixtures(user, others));
        assertFalse(result.hasViolation(), "rule reported an allowed use: " + result.getFailureReport());
    }

    private static JavaClasses fixtures(Class<?> first, Class<?>... more) {
        Class<?>[] all = new Class<?>[more.length + 1];
        all[0] = first;
        System.arraycopy(more, 0, all, 1, more.length);
        return new ClassFileImporter().importClasses(all);
    }
}
