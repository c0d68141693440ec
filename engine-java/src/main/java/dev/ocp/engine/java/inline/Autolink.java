package dev.ocp.engine.java.inline;

import dev.ocp.NodeKind;
import dev.ocp.engine.java.InlineParser;
import dev.ocp.spi.OcpFormat;

import static dev.ocp.engine.java.InlineParser.HTML_KEEPS_PAST;
import static dev.ocp.engine.java.InlineParser.MAILTO;

/**
 * Autolinks: {@code <} followed by an absolute URI (a scheme of 2-32 characters, a colon, no whitespace or angle
 * brackets) or an e-mail address, then {@code >}. The link's destination is the text as written (with
 * {@code mailto:} before an address). When neither fits, the {@code <} is tried as inline raw HTML
 * ({@link HtmlText}). Not in MDX, where {@code <} starts JSX.
 *
 * <p>References: CommonMark 0.31.2, section 6.5 (Autolinks); micromark and markdown-rs construct {@code autolink}.
 */
public final class Autolink {
    private Autolink() {
    }

    public static int angleBracket(InlineParser ip, int p) {
        int q = ip.scan.scanUriAutolink(ip.buf, p, ip.end);
        ip.work += ip.scan.stop - p;
        boolean email = false;
        if (q < 0) {
            q = ip.scan.scanEmailAutolink(ip.buf, p, ip.end);
            ip.work += ip.scan.stop - p;
            email = q >= 0;
        }
        if (q >= 0) {
            Text.flushText(ip, p);
            int link = ip.tree.add(NodeKind.LINK, ip.top, ip.src(p), ip.src(q));
            ip.tree.setFlags(link, OcpFormat.FLAG_LINK_AUTOLINK);
            ip.tree.beginString();
            if (email) {
                ip.tree.append(MAILTO, 0, MAILTO.length);
            }
            Text.appendRaw(ip.tree, ip.buf, p + 1, q - 1);
            ip.tree.setString(link, 0, ip.tree.endString());
            int text = ip.tree.add(NodeKind.TEXT, link, ip.src(p + 1), ip.src(q - 1));
            ip.tree.beginString();
            Text.appendRaw(ip.tree, ip.buf, p + 1, q - 1);
            ip.tree.setString(text, 0, ip.tree.endString());
            ip.textStart = q;
            return q;
        }
        q = HtmlText.scanHtml(ip, p);
        if (q >= 0) {
            HtmlText.rawHtml(ip, p, q);
            return q;
        }
        return p + 1;
    }
}
