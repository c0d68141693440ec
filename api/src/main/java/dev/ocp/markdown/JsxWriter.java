package dev.ocp.markdown;

import dev.ocp.OcpNode;

/** MDX's JSX tags, with their attributes as the payload records them. */
final class JsxWriter {
    private JsxWriter() {
    }

    /** The opening tag ({@code <Name a="b">}), or the whole element when it has no children ({@code <Name />}). */
    static String openTag(OcpNode node, boolean selfClosing) {
        String name = node.jsxName();
        StringBuilder b = new StringBuilder("<");
        if (name != null) {
            b.append(name);
        }
        for (int i = 0; i < node.attributeCount(); i++) {
            OcpNode.AttributeKind kind = node.attributeKind(i);
            String value = node.attributeValue(i);
            b.append(' ');
            if (kind == null) {
                continue;
            }
            switch (kind) {
                case PLAIN -> plain(b.append(node.attributeName(i)).append('='), value);
                case EXPRESSION -> b.append(node.attributeName(i)).append("={").append(value).append('}');
                case BOOLEAN -> b.append(node.attributeName(i));
                case SPREAD -> b.append('{').append(value).append('}');
            }
        }
        if (name == null) {
            return selfClosing ? b.append("></>").toString() : b.append('>').toString();
        }
        return selfClosing ? b.append(" />").toString() : b.append('>').toString();
    }

    /** The closing tag. */
    static String closeTag(OcpNode node) {
        String name = node.jsxName();
        return name == null ? "</>" : "</" + name + ">";
    }

    /**
     * A plain value in quotes. JSX strings have no escapes, but MDX decodes character references in them: a quote
     * of the kind around the value, a line ending, and an {@code &} that reads as a reference are written as
     * references.
     */
    private static void plain(StringBuilder b, String value) {
        char quote = value.indexOf('"') >= 0 && value.indexOf('\'') < 0 ? '\'' : '"';
        b.append(quote);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == quote || c == '\n' || c == '\r' || (c == '&' && Escaper.entityFollows(value, i + 1))) {
                b.append("&#").append((int) c).append(';');
            } else {
                b.append(c);
            }
        }
        b.append(quote);
    }
}
