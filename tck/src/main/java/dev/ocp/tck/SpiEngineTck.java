package dev.ocp.tck;

import dev.ocp.Ocp;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ProviderInfo;
import dev.ocp.EngineConfig;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;

/**
 * The kit for an engine found by name through the SPI: the name comes from the JUnit configuration
 * parameter {@value #ENGINE_PARAMETER}, or else the system property of the same name. Without a name the
 * whole kit is skipped, saying so; with a name no provider has (or one that cannot run here) it fails
 * once, saying which engines exist. {@code ocp tck --engine NAME} runs this class through {@link TckRunner}.
 */
@ExtendWith(SpiEngineTck.Selection.class)
public class SpiEngineTck extends OcpTck {
    /** The configuration parameter and system property naming the engine. */
    public static final String ENGINE_PARAMETER = "ocp.tck.engine";

    private String engine;

    /** Created by JUnit. */
    public SpiEngineTck() {
    }

    @Override
    protected OcpEngine createEngine(EngineConfig config) {
        if (engine == null) {
            throw new IllegalStateException("no engine selected; set " + ENGINE_PARAMETER);
        }
        return Ocp.engine(engine, config);
    }

    static Optional<String> engineName(ExtensionContext context) {
        Optional<String> name = context.getConfigurationParameter(ENGINE_PARAMETER);
        if (name.isEmpty()) {
            name = Optional.ofNullable(System.getProperty(ENGINE_PARAMETER));
        }
        return name.map(String::trim).filter(n -> !n.isEmpty());
    }

    /** Chooses the engine: skips without a name, fails once for an unknown one, and hands the name to the kit. */
    static final class Selection implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return engineName(context).map(n -> ConditionEvaluationResult.enabled("engine '" + n + "'"))
                    .orElseGet(() -> ConditionEvaluationResult.disabled("no engine named: set the JUnit"
                            + " configuration parameter or system property " + ENGINE_PARAMETER
                            + " (for example -D" + ENGINE_PARAMETER + "=java) to run the OCP TCK through the SPI"));
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            if (context.getRequiredTestClass() != SpiEngineTck.class) {
                return; // a nested suite: the engine was checked once for the whole kit
            }
            String name = engineName(context).orElseThrow();
            ProviderInfo info = Ocp.providers().stream().filter(p -> p.name().equals(name)).findFirst()
                    .orElseThrow(() -> new OcpException(OcpException.Code.ENGINE_UNAVAILABLE, "no OCP engine named '"
                            + name + "' on the class path; found: " + Ocp.providers()));
            if (!info.available()) {
                throw new OcpException(OcpException.Code.ENGINE_UNAVAILABLE, "OCP engine '" + name
                        + "' cannot run here: " + info.reason());
            }
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            String name = engineName(context).orElseThrow();
            for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
                if (instance instanceof SpiEngineTck) {
                    ((SpiEngineTck) instance).engine = name;
                }
            }
        }
    }
}
