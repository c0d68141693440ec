/**
 * OCP with every engine: requiring this module brings the API ({@code dev.ocp}, read transitively) and the four
 * engines, of which {@code dev.ocp.Ocp.engine()} picks the fastest that runs here. An application may as well
 * require {@code dev.ocp} alone and put the engines it wants on the module path: they are service providers, found
 * by service binding.
 */
module dev.ocp.all {
    requires transitive dev.ocp;
    requires dev.ocp.engine.java;
    requires dev.ocp.engine.ffm;
    requires dev.ocp.engine.jna;
    requires dev.ocp.engine.wasm;
}
