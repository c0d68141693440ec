package dev.ocp.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Holds the build's publishing rules (README, "Versions and publishing") on the POMs themselves: every module
 * is either published (named, described, listed in the BOM) or skips both install and deploy, the BOM,
 * which has no parent, carries the same Maven Central metadata as the parent, and the C core reports the
 * release the POMs make.
 */
class PublishingTest {
    /** The metadata Maven Central requires beside name and description. */
    private static final List<String> CENTRAL_METADATA = List.of("url", "licenses", "developers", "scm");

    private static Path root;
    private static Document parent;

    @BeforeAll
    static void findTheRootPom() throws Exception {
        root = Path.of("").toAbsolutePath().getParent();
        parent = read(root.resolve("pom.xml"));
        assertEquals("ocp-parent", child(parent.getDocumentElement(), "artifactId"),
                "the tests run in cli/, beside the root pom");
    }

    @Test
    void everyModuleIsEitherPublishedAndInTheBomOrNeitherInstalledNorDeployed() throws Exception {
        Set<String> published = new TreeSet<>();
        Set<String> unpublished = new TreeSet<>();
        for (String module : modules()) {
            Element pom = read(root.resolve(module).resolve("pom.xml")).getDocumentElement();
            String artifact = child(pom, "artifactId");
            boolean deploySkipped = "true".equals(property(pom, "maven.deploy.skip"));
            boolean installSkipped = "true".equals(property(pom, "maven.install.skip"));
            assertEquals(deploySkipped, installSkipped,
                    module + ": a module skips both install and deploy (unpublished) or neither");
            if (deploySkipped) {
                unpublished.add(artifact);
                continue;
            }
            published.add(artifact);
            assertFalse(child(pom, "name").isBlank(), module + " is published without a name");
            assertFalse(child(pom, "description").isBlank(), module + " is published without a description");
        }
        assertEquals(Set.of("ocp", "ocp-api", "ocp-engine-java", "ocp-engine-ffm", "ocp-engine-jna",
                "ocp-engine-wasm", "ocp-native", "ocp-spark", "ocp-tck", "ocp-bom"), published,
                "the modules the README calls published");
        assertEquals(Set.of("ocp-bench", "ocp-cli", "ocp-tck-selftest"), unpublished,
                "the modules the README calls unpublished");

        Element bom = read(root.resolve("bom/pom.xml")).getDocumentElement();
        Set<String> listed = new TreeSet<>();
        Element managed = only(only(bom, "dependencyManagement"), "dependencies");
        for (Element dependency : children(managed, "dependency")) {
            listed.add(child(dependency, "artifactId"));
        }
        published.remove("ocp-bom");
        assertEquals(published, listed, "the BOM lists exactly the published modules");
    }

    @Test
    void theParentCarriesCentralsMetadataAndTheBomTheSame() throws Exception {
        Element parentPom = parent.getDocumentElement();
        Element bom = read(root.resolve("bom/pom.xml")).getDocumentElement();
        for (String element : CENTRAL_METADATA) {
            String expected = text(only(parentPom, element));
            assertFalse(expected.isBlank(), "the parent has no " + element);
            assertEquals(expected, text(only(bom, element)), "the BOM's " + element + " is not the parent's");
        }
        assertTrue(text(only(parentPom, "licenses")).contains("Apache-2.0"), "the licence is Apache-2.0");
        assertTrue(Files.isRegularFile(root.resolve("LICENSE")), "no LICENSE at the root");
        assertTrue(Files.isRegularFile(root.resolve("NOTICE")), "no NOTICE at the root");
        assertFalse(property(parentPom, "project.build.outputTimestamp").isBlank(),
                "reproducible builds need project.build.outputTimestamp");
    }

    /**
     * The C core says which release it is ({@code ocp_version()}, from {@code OCP_LIBRARY_VERSION} in
     * native/src/api.c), and that must be the release the POMs make: a snapshot is the release it leads to.
     */
    @Test
    void theCCoreReportsTheReleaseThePomsMake() throws Exception {
        String version = child(parent.getDocumentElement(), "version");
        String release = version.endsWith("-SNAPSHOT") ? version.substring(0, version.length() - "-SNAPSHOT".length())
                : version;
        Matcher defined = Pattern.compile("(?m)^#define OCP_LIBRARY_VERSION \"([^\"]*)\"$")
                .matcher(Files.readString(root.resolve("native/src/api.c")));
        assertTrue(defined.find(), "native/src/api.c defines no OCP_LIBRARY_VERSION");
        assertEquals(release, defined.group(1), "the C core's OCP_LIBRARY_VERSION against the POMs' " + version);
    }

    private static List<String> modules() {
        List<String> names = new ArrayList<>();
        for (Element module : children(only(parent.getDocumentElement(), "modules"), "module")) {
            names.add(module.getTextContent().trim());
        }
        assertTrue(names.size() > 5, "the root pom's module list was not read: " + names);
        return names;
    }

    private static Document read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setIgnoringComments(true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static String property(Element pom, String name) {
        List<Element> properties = children(pom, "properties");
        return properties.isEmpty() ? "" : child(properties.get(0), name);
    }

    /** The text of the only child element so named, or "" without one. */
    private static String child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? "" : found.get(0).getTextContent().trim();
    }

    private static Element only(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertEquals(1, found.size(), "<" + name + "> in <" + parent.getTagName() + ">");
        return found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    /** An element's content and attributes, whitespace between tags and in text collapsed, to compare. */
    private static String text(Element element) {
        StringBuilder out = new StringBuilder("<").append(element.getTagName());
        for (int i = 0; i < element.getAttributes().getLength(); i++) {
            Node attribute = element.getAttributes().item(i);
            out.append(' ').append(attribute.getNodeName()).append("=\"").append(attribute.getNodeValue())
                    .append('"');
        }
        out.append('>');
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.append(text(e));
            } else if (n.getNodeType() == Node.TEXT_NODE) {
                out.append(n.getNodeValue().trim().replaceAll("\\s+", " "));
            }
        }
        return out.append("</").append(element.getTagName()).append('>').toString();
    }
}
