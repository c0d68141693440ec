package dev.ocp.engine.java;

import dev.ocp.NodeKind;
import dev.ocp.spi.OcpFormat;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Each inline construct on the tree: kinds, decoded strings and source spans. */
class InlineParserTest {

    private static String dump(String markdown) {
        return InlineHarness.parse(markdown).dump();
    }

    @Nested
    class Text {
        @Test
        void plainTextIsOneNodeSpanningItsBytes() {
            InlineHarness h = InlineHarness.parse("hello world");
            int t = h.single(NodeKind.TEXT);
            assertEquals("hello world", h.string(t, 0));
            assertEquals("hello world", h.spanText(t));
        }

        @Test
        void backslashEscapesAreDecodedButSpanTheirSource() {
            InlineHarness h = InlineHarness.parse("\\*not\\* \\a \\\\");
            int t = h.single(NodeKind.TEXT);
            assertEquals("*not* \\a \\", h.string(t, 0));
            assertEquals("\\*not\\* \\a \\\\", h.spanText(t));
        }

        @Test
        void entityAndNumericReferencesAreDecoded() {
            assertEquals("text(\"© Æ ≧̸ # Ӓ \uFFFD \" ആ &nbsp &x; &#87654321;\")",
                    dump("&copy; &AElig; &ngE; &#35; &#1234; &#0; &#X22; &#XD06; &nbsp &x; &#87654321;"));
        }

        @Test
        void invalidCodePointsBecomeReplacementCharacters() {
            assertEquals("text(\"\uFFFD \uFFFD \uFFFD \uDBFF\uDFFF\")", dump("&#xD800; &#x110000; &#0; &#x10FFFF;"));
        }

        @Test
        void nulBecomesReplacementCharacter() {
            assertEquals("text(\"a\uFFFDb \") code(\"\uFFFD\")", dump("a\0b `\0`"));
        }

        @Test
        void referencesDoNotFormStructure() {
            assertEquals("text(\"*foo*\")", dump("&#42;foo&#42;"));
        }

        @Test
        void unmatchedSpecialCharactersStayText() {
            assertEquals("text(\"a ] b ! c < d _ e * f\")", dump("a ] b ! c < d _ e * f"));
        }
    }

    @Nested
    class LineBreaks {
        @Test
        void softBreakSpansTheLineEndingAndSwallowsSpaces() {
            InlineHarness h = InlineHarness.parse("foo \n   bar");
            assertEquals("text(\"foo\") soft text(\"bar\")", h.dump());
            // The spaces before the line ending go with the break; the next line's indentation with nothing.
            assertEquals(" \n", h.spanText(h.single(NodeKind.SOFT_BREAK)));
        }

        @Test
        void twoSpacesMakeAHardBreak() {
            InlineHarness h = InlineHarness.parse("foo   \nbar");
            assertEquals("text(\"foo\") hard text(\"bar\")", h.dump());
            assertEquals("   \n", h.spanText(h.single(NodeKind.HARD_BREAK)));
        }

        @Test
        void backslashBeforeLineEndingIsAHardBreak() {
            InlineHarness h = InlineHarness.parse("foo\\\nbar");
            assertEquals("text(\"foo\") hard text(\"bar\")", h.dump());
            assertEquals("\\\n", h.spanText(h.single(NodeKind.HARD_BREAK)));
        }

        @Test
        void backslashAtTheEndIsLiteral() {
            assertEquals("text(\"foo\\\")", dump("foo\\"));
        }

        @Test
        void breaksInsideEmphasis() {
            assertEquals("em*(text(\"foo\") hard text(\"bar\"))", dump("*foo  \nbar*"));
        }

        @Test
        void tabsBeforeALineEndingAreKept() {
            // The spec removes spaces at the end of a line; a tab is neither removed nor a hard break.
            assertEquals("text(\"foo\t\") soft text(\"bar\")", dump("foo\t\nbar"));
        }
    }

    @Nested
    class CodeSpans {
        @Test
        void contentAndSpan() {
            InlineHarness h = InlineHarness.parse("a `` b ` c `` d");
            int c = h.single(NodeKind.CODE_SPAN);
            assertEquals("b ` c", h.string(c, 0));
            assertEquals("`` b ` c ``", h.spanText(c));
        }

        @Test
        void lineEndingsBecomeSpacesAndOneSpaceIsStrippedFromBothEnds() {
            assertEquals("code(\"foo bar   baz\")", dump("``\nfoo\nbar  \nbaz\n``"));
            assertEquals("code(\" `` \")", dump("`  ``  `"));
            assertEquals("code(\"  \")", dump("`  `"));
            assertEquals("code(\" a\")", dump("` a`"));
        }

        @Test
        void backslashesAndReferencesAreLiteral() {
            assertEquals("code(\"foo\\\") text(\"bar`\")", dump("`foo\\`bar`"));
            assertEquals("code(\"&amp;\")", dump("`&amp;`"));
        }

        @Test
        void unmatchedRunsAreText() {
            assertEquals("text(\"```foo``\")", dump("```foo``"));
            assertEquals("text(\"`foo\") code(\"bar\")", dump("`foo``bar``"));
        }

        @Test
        void longRunsMatchOnlyRunsOfTheSameLength() {
            String t100 = "`".repeat(100);
            String t200 = "`".repeat(200);
            assertEquals("code(\"a " + t200 + " b\")", dump(t100 + "a " + t200 + " b" + t100));
            assertEquals("text(\"" + t200 + "x\") code(\"y\") text(\" " + t100 + "\")",
                    dump(t200 + "x" + "`".repeat(300) + "y" + "`".repeat(300) + " " + t100));
            // Many distinct long lengths (the index of long runs grows) and then a late match.
            StringBuilder sb = new StringBuilder(t100);
            for (int i = 101; i < 400; i++) {
                sb.append(' ').append("`".repeat(i));
            }
            sb.append(" z ").append(t100);
            String dumped = dump(sb.toString());
            assertEquals("code(\"", dumped.substring(0, 6));
            assertEquals(" z\")", dumped.substring(dumped.length() - 4));
        }

        @Test
        void bindTighterThanEmphasisAndLinks() {
            assertEquals("text(\"*foo\") code(\"*\")", dump("*foo`*`"));
            assertEquals("text(\"[not a \") code(\"link](/foo\") text(\")\")", dump("[not a `link](/foo`)"));
        }
    }

    @Nested
    class Emphasis {
        @Test
        void emphasisAndStrongWithTheirDelimiterCharacter() {
            assertEquals("em*(text(\"a\")) text(\" \") em_(text(\"b\")) text(\" \") strong*(text(\"c\")) text(\" \") "
                    + "strong_(text(\"d\"))", dump("*a* _b_ **c** __d__"));
        }

        @Test
        void spanCoversTheDelimitersUsed() {
            InlineHarness h = InlineHarness.parse("x ***a** b* y");
            assertEquals("text(\"x \") em*(strong*(text(\"a\")) text(\" b\")) text(\" y\")", h.dump());
            assertEquals("***a** b*", h.spanText(h.single(NodeKind.EMPHASIS)));
            assertEquals("**a**", h.spanText(h.single(NodeKind.STRONG)));
        }

        @Test
        void leftoverDelimitersAreTextWithTheirOwnSpan() {
            InlineHarness h = InlineHarness.parse("**foo*");
            assertEquals("text(\"*\") em*(text(\"foo\"))", h.dump());
            int first = h.tree.firstChild(h.paragraphs.get(0));
            assertEquals("*", h.spanText(first));
            assertEquals(0, h.tree.spanStart(first));
            assertEquals("*foo*", h.spanText(h.single(NodeKind.EMPHASIS)));
        }

        @Test
        void intrawordUnderscoreDoesNotEmphasize() {
            assertEquals("text(\"foo_bar_baz\")", dump("foo_bar_baz"));
            assertEquals("text(\"foo\") em*(text(\"bar\")) text(\"baz\")", dump("foo*bar*baz"));
        }

        @Test
        void ruleOfThree() {
            assertEquals("em*(text(\"foo**bar\"))", dump("*foo**bar*"));
            assertEquals("em*(text(\"foo\") strong*(text(\"bar\")) text(\"baz\"))", dump("*foo**bar**baz*"));
            assertEquals("strong*(text(\"foo\")) text(\"*\")", dump("**foo***"));
        }

        @Test
        void unicodePunctuationAndSymbolsCountForFlanking() {
            // '£' (Sc) counts as punctuation since 0.31: in "a*£*b" the first run is then only right-flanking and the
            // second only left-flanking, so they do not pair (they would if '£' were an ordinary character).
            assertEquals("text(\"a*£*b\")", dump("a*£*b"));
            assertEquals("text(\"a \") em*(text(\"£\")) text(\" b\")", dump("a *£* b"));
            // U+00A0 is Unicode whitespace: not left-flanking.
            assertEquals("text(\"*\u00a0a*\")", dump("*\u00a0a*"));
        }

        @Test
        void nestedSameKind() {
            assertEquals("em*(text(\"foo \") em*(text(\"bar\")) text(\" baz\"))", dump("*foo *bar* baz*"));
            assertEquals("strong*(strong*(text(\"foo\")))", dump("****foo****"));
        }

        @Test
        void underscoreAfterPunctuationCanOpen() {
            assertEquals("text(\"(\") em_(text(\"a\")) text(\")\")", dump("(_a_)"));
        }
    }

    @Nested
    class Links {
        @Test
        void inlineLinkWithDecodedDestinationAndTitle() {
            InlineHarness h = InlineHarness.parse("go [to *it*](/a\\*b&amp;c \"t\\\"&quot;\") now");
            int link = h.single(NodeKind.LINK);
            assertEquals("/a*b&c", h.string(link, 0));
            assertEquals("t\"\"", h.string(link, 1));
            assertEquals(0, h.tree.flags(link));
            assertEquals("[to *it*](/a\\*b&amp;c \"t\\\"&quot;\")", h.spanText(link));
            assertEquals("text(\"go \") link</a*b&c \"t\"\"\">(text(\"to \") em*(text(\"it\"))) text(\" now\")", h.dump());
        }

        @Test
        void destinationIsNotPercentEncoded() {
            assertEquals("link<ä b>(text(\"x\"))", dump("[x](<ä b>)"));
        }

        @Test
        void omittedPartsAndPointyDestinations() {
            assertEquals("link<>(text(\"a\"))", dump("[a]()"));
            assertEquals("link<>(text(\"a\"))", dump("[a](<>)"));
            assertEquals("link<b)c>(text(\"a\"))", dump("[a](<b)c>)"));
            assertNull(InlineHarness.parse("[a](/u)").string(InlineHarness.parse("[a](/u)").single(NodeKind.LINK), 1));
        }

        @Test
        void titlesInAllThreeQuotings() {
            assertEquals("link</u \"1\">(text(\"a\")) text(\" \") link</u \"2\">(text(\"b\")) text(\" \") "
                    + "link</u \"3\">(text(\"c\"))", dump("[a](/u \"1\") [b](/u '2') [c](/u (3))"));
        }

        @Test
        void partsMaySpanOneLineEnding() {
            assertEquals("link</u \"t\">(text(\"a\"))", dump("[a](\n/u\n\"t\"\n)"));
        }

        @Test
        void balancedParenthesesInDestinations() {
            assertEquals("link<(foo(and(bar)))>(text(\"link\"))", dump("[link]((foo(and(bar))))"));
            assertEquals("text(\"[link](foo(and(bar))\")", dump("[link](foo(and(bar))"));
        }

        @Test
        void destinationParenthesesNestAtMost32Deep() {
            String ok = "(".repeat(32) + ")".repeat(32);
            assertEquals("link<" + ok + ">(text(\"a\"))", dump("[a](" + ok + ")"));
            String deep = "(".repeat(33) + ")".repeat(33);
            assertEquals("text(\"[a](" + deep + ")\")", dump("[a](" + deep + ")"));
        }

        @Test
        void linksMayNotContainLinks() {
            assertEquals("text(\"[foo \") link</uri>(text(\"bar\")) text(\"](/uri)\")", dump("[foo [bar](/uri)](/uri)"));
            assertEquals("text(\"[[[a]]] \") link</u>(text(\"b\"))", dump("[[[a]]] [b](/u)"));
        }

        @Test
        void imagesMayContainLinks() {
            assertEquals("image</i>(text(\"a \") link</l>(text(\"b\")) text(\" c\"))", dump("![a [b](/l) c](/i)"));
        }

        @Test
        void linkAndImageSpans() {
            InlineHarness h = InlineHarness.parse("x ![i](/a) [l][r]\n\n[r]: /b");
            assertEquals("![i](/a)", h.spanText(h.single(NodeKind.IMAGE)));
            assertEquals("[l][r]", h.spanText(h.single(NodeKind.LINK)));
        }

        @Test
        void referenceForms() {
            String defs = "\n\n[foo]: /f \"T\"\n[b a r]: /b";
            assertEquals("link</f \"T\">(text(\"x\")) | def(foo -> /f \"T\") | def(b a r -> /b)", dump("[x][foo]" + defs));
            assertEquals("link</f \"T\">(text(\"Foo\")) | def(foo -> /f \"T\") | def(b a r -> /b)", dump("[Foo][]" + defs));
            assertEquals("link</f \"T\">(text(\"FOO\")) | def(foo -> /f \"T\") | def(b a r -> /b)", dump("[FOO]" + defs));
            assertEquals("link</b>(text(\"B\") soft text(\"A   r\")) | def(foo -> /f \"T\") | def(b a r -> /b)",
                    dump("[B\n  A   r]" + defs));
        }

        @Test
        void fullReferenceToAnUndefinedLabelIsNotAShortcut() {
            assertEquals("text(\"[foo]\") link</b>(text(\"bar\")) | def(baz -> /b)", dump("[foo][bar][baz]\n\n[baz]: /b"));
            assertEquals("text(\"[foo][nope]\") | def(foo -> /f)", dump("[foo][nope]\n\n[foo]: /f"));
        }

        @Test
        void aFollowingBracketPairThatIsNotALabelLeavesAShortcut() {
            // "[ ]" is not a link label (it has no non-whitespace character), so "[foo]" is a shortcut reference.
            assertEquals("link</f>(text(\"foo\")) text(\"[ ]\") | def(foo -> /f)", dump("[foo][ ]\n\n[foo]: /f"));
        }

        @Test
        void labelMatchingUsesFullCaseFolding() {
            assertEquals("link</u>(text(\"ẞ\")) | def(SS -> /u)", dump("[ẞ]\n\n[SS]: /u"));
            assertEquals("link</φ>(text(\"αγω\")) | def(ΑΓΩ -> /φ)", dump("[αγω]\n\n[ΑΓΩ]: /φ"));
        }

        @Test
        void labelsLongerThan999CharactersNeverMatch() {
            String a999 = "a".repeat(999);
            assertEquals("link</u>(text(\"" + a999 + "\")) | def(" + a999 + " -> /u)", dump("[" + a999 + "]\n\n[" + a999 + "]: /u"));
            String a1000 = "a".repeat(1000);
            assertEquals("text(\"[" + a1000 + "]\") | text(\"[" + a1000 + "]: /u\")", dump("[" + a1000 + "]\n\n[" + a1000 + "]: /u"));
        }
    }

    @Nested
    class Autolinks {
        @Test
        void uriAutolinkIsFlaggedWithRawDestination() {
            InlineHarness h = InlineHarness.parse("a <https://x.y/?q=\\*&amp;> b");
            int link = h.single(NodeKind.LINK);
            assertEquals(OcpFormat.FLAG_LINK_AUTOLINK, h.tree.flags(link));
            assertEquals("https://x.y/?q=\\*&amp;", h.string(link, 0));
            assertEquals("<https://x.y/?q=\\*&amp;>", h.spanText(link));
            assertEquals("https://x.y/?q=\\*&amp;", h.spanText(h.tree.firstChild(link)));
            assertEquals("text(\"a \") link[auto]<https://x.y/?q=\\*&amp;>(text(\"https://x.y/?q=\\*&amp;\")) text(\" b\")",
                    h.dump());
        }

        @Test
        void emailAutolinkGetsMailto() {
            assertEquals("link[auto]<mailto:foo+special@Bar.baz-bar0.com>(text(\"foo+special@Bar.baz-bar0.com\"))",
                    dump("<foo+special@Bar.baz-bar0.com>"));
        }

        @Test
        void notAutolinks() {
            assertEquals("text(\"<https://foo.bar/baz bim>\")", dump("<https://foo.bar/baz bim>"));
            assertEquals("text(\"<m:abc> <foo.bar.baz> <foo@bar-.com>\")", dump("<m:abc> <foo.bar.baz> <foo@bar-.com>"));
            assertEquals("text(\"<foo+@bar.example.com>\")", dump("<foo\\+@bar.example.com>"));
            assertEquals("link[auto]<mailto:a+@b.c>(text(\"a+@b.c\"))", dump("<a+@b.c>"));
        }
    }

    @Nested
    class RawHtml {
        @Test
        void tagsCommentsAndDeclarationsAreHtmlInline() {
            InlineHarness h = InlineHarness.parse("a <b c=\"d\n e\" f/> <!-- x -- y --> <?p?> <!DOCTYPE x> <![CDATA[<>]]> </b >");
            assertEquals("<b c=\"d\n e\" f/>|<!-- x -- y -->|<?p?>|<!DOCTYPE x>|<![CDATA[<>]]>|</b >", h.spans(NodeKind.HTML_INLINE));
            assertEquals("<b c=\"d\ne\" f/>", h.string(h.nodes(NodeKind.HTML_INLINE).get(0), 0));
        }

        @Test
        void shortComments() {
            assertEquals("html(\"<!-->\") text(\" \") html(\"<!--->\")", dump("<!--> <!--->"));
        }

        @Test
        void invalidTagsAreText() {
            assertEquals("text(\"<33> <__> <a h*#ref=\\\"hi\\\"> <a href='bar'title=title> </a href=\\\"foo\\\">\")"
                    .replace("\\\"", "\""), dump("<33> <__> <a h*#ref=\"hi\"> <a href='bar'title=title> </a href=\"foo\">"));
        }

        @Test
        void htmlBindsTighterThanLinks() {
            assertEquals("text(\"[foo \") html(\"<bar attr=\"](baz)\">\")", dump("[foo <bar attr=\"](baz)\">"));
        }
    }
}
