package dev.ocp.spark;

import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import scala.Tuple3;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Adds the OCP functions ({@link OcpFunctions}) to every session of an application:
 * {@code spark.sql.extensions=dev.ocp.spark.OcpSparkExtensions}.
 */
public final class OcpSparkExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
    /** Made by Spark from the class name in {@code spark.sql.extensions}. */
    public OcpSparkExtensions() {
    }

    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        for (Output output : Output.values()) {
            extensions.injectFunction(new Tuple3<>(new FunctionIdentifier(output.function()), OcpFunctions.info(output),
                    OcpFunctions.builder(output)));
        }
        return BoxedUnit.UNIT;
    }
}
