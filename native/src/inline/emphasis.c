/*
 * Delimiter runs, emphasis and strikethrough.
 * Included by inline_parser.c (one compilation unit), never compiled on its own.
 *
 * A run of '*' or '_' (and with GFM '~') is left- and/or right-flanking by the characters around it ('_' needs
 * more: no intraword emphasis). Runs go on a delimiter stack; at a closer, the nearest matching opener is found
 * (the rule of three for mixed runs) with a per-kind lower bound so the search stays linear, and strong (two) or
 * regular (one) emphasis is inserted. Strikethrough takes runs of one or two tildes of equal length.
 *
 * References: CommonMark 0.31.2 section 6.2 "Emphasis and strong emphasis" and Appendix A "Process emphasis";
 * GFM spec 6.5 "Strikethrough (extension)"; micromark attention and micromark-extension-gfm-strikethrough;
 * markdown-rs construct/attention.rs.
 */

static void push_delimiter(ocp_inline_parser *p, int32_t node, uint8_t c, int32_t s, int32_t e, int flags);

static int32_t delimiter_run(ocp_inline_parser *p, int32_t i)
{
    const uint8_t *buf = p->buf;
    uint8_t c = buf[i];
    int32_t q = i + 1;
    while (q < p->end && buf[q] == c) {
        q++;
    }
    if (c == '~' && q - i > 2) {
        return q; /* three or more tildes never strike: plain text */
    }
    int32_t before = i > p->start ? ocp_cc_decode_before(buf, p->start, i) : '\n';
    int32_t after = q < p->end ? ocp_cc_decode(buf, q, p->end) : '\n';
    /* NUL (spec 2.3) and ill-formed UTF-8 (-1) stand for U+FFFD, as every reader that decodes its input first sees
     * them: a symbol, and so punctuation for flanking. */
    if (before <= 0) {
        before = 0xFFFD;
    }
    if (after <= 0) {
        after = 0xFFFD;
    }
    bool space_before;
    bool space_after;
    bool punct_before;
    bool punct_after;
    if (p->micromark) {
        /* micromark classifies UTF-16 code units: a character beyond U+FFFF is two surrogates, neither space nor
         * punctuation, so it flanks as a letter; its whitespace is JavaScript's. */
        space_before = ocp_cc_is_micromark_space(before);
        space_after = ocp_cc_is_micromark_space(after);
        punct_before = before <= 0xFFFF && ocp_cc_is_punctuation(before);
        punct_after = after <= 0xFFFF && ocp_cc_is_punctuation(after);
    } else {
        space_before = ocp_cc_is_whitespace(before);
        space_after = ocp_cc_is_whitespace(after);
        punct_before = ocp_cc_is_punctuation(before);
        punct_after = ocp_cc_is_punctuation(after);
    }
    bool left = !space_after && (!punct_after || space_before || punct_before);
    bool right = !space_before && (!punct_before || space_after || punct_after);
    if (p->micromark && p->gfm && c != '~') {
        /* micromark's other attention markers (GFM's tilde) flank an asterisk or underscore run as a letter */
        left = left || after == '~';
        right = right || before == '~';
    }
    if (p->first_run == 0) {
        p->first_run = c; /* micromark resolves the kind first tokenized in the content first */
    }
    int flags;
    if (c != '_') {
        flags = (left ? CAN_OPEN : 0) | (right ? CAN_CLOSE : 0);
    } else {
        flags = (left && (!right || punct_before) ? CAN_OPEN : 0) | (right && (!left || punct_after) ? CAN_CLOSE : 0);
    }
    if (flags == 0) {
        return q; /* can neither open nor close: plain text */
    }
    flush_text(p, i);
    /* its string is set when the run leaves the stack */
    int32_t node = ocp_tree_add(p->tree, OCP_KIND_TEXT, p->top, src(p, i), src(p, q));
    push_delimiter(p, node, c, i, q, flags);
    p->text_start = q;
    return q;
}

static void push_delimiter(ocp_inline_parser *p, int32_t node, uint8_t c, int32_t s, int32_t e, int flags)
{
    int32_t d = p->delim_count;
    if (d == p->delim_capacity) {
        int32_t n;
        p->delims = grown(p->ctx, p->delims, d, (int64_t) d * 2, sizeof *p->delims, &n);
        p->delim_capacity = n;
    }
    p->delim_count = d + 1;
    p->delims[d].node = node;
    p->delims[d].ch = c;
    p->delims[d].start = s;
    p->delims[d].end = e;
    p->delims[d].orig = e - s;
    p->delims[d].flags = (uint8_t) flags;
    p->delims[d].prev = p->last_delim;
    p->delims[d].next = OCP_NIL;
    if (p->last_delim != OCP_NIL) {
        p->delims[p->last_delim].next = d;
    }
    p->last_delim = d;
}

/* Takes d off the stack. Its node keeps the characters no emphasis used as its text, or, if none are left,
 * leaves parent. */
static void remove_delimiter(ocp_inline_parser *p, int32_t d, int32_t parent)
{
    int32_t prev = p->delims[d].prev;
    int32_t next = p->delims[d].next;
    if (prev != OCP_NIL) {
        p->delims[prev].next = next;
    }
    if (next != OCP_NIL) {
        p->delims[next].prev = prev;
    } else {
        p->last_delim = prev;
    }
    int32_t node = p->delims[d].node;
    int32_t s = p->delims[d].start;
    int32_t e = p->delims[d].end;
    if (s == e) {
        ocp_tree_unlink(p->tree, parent, node);
    } else {
        ocp_tree_set_string(p->tree, node, 0, ocp_tree_string(p->tree, p->buf, s, e - s));
        ocp_tree_set_span(p->tree, node, src(p, s), src(p, e));
    }
}

static int32_t insert_emphasis(ocp_inline_parser *p, int32_t opener, int32_t closer, int32_t parent);

/* The kinds of delimiter a pass of "process emphasis" pairs: '*' and '_', or '~'. */
enum { ATTENTION = 1, STRIKE = 2 };

static void emphasis_pass(ocp_inline_parser *p, int32_t bottom, int32_t top, int32_t parent, int kinds, int inner);

/* The spec's "process emphasis" over the delimiters above bottom (an index; OCP_NIL for all), whose nodes
 * are children of parent. Removes them all from the stack when done.
 *
 * The reference pairs every closer in one pass, whatever its character. micromark (OCP_FLAVOR_MICROMARK) resolves
 * one kind at a time: the kind first tokenized in the content first (in a link's text, strikethrough first;
 * strike_first says which), each match resolving the other kind inside it before it is made; and its rule of 3
 * looks at what is left of the two runs, not at their whole lengths. */
static void process_emphasis(ocp_inline_parser *p, int32_t bottom, int32_t parent, bool strike_first)
{
    if (p->last_delim == OCP_NIL || p->last_delim <= bottom) {
        return; /* no delimiter above bottom (most paragraphs): nothing to pair, nothing to remove */
    }
    if (!p->micromark) {
        emphasis_pass(p, bottom, OCP_NIL, parent, ATTENTION | STRIKE, 0);
        return;
    }
    int first = strike_first ? STRIKE : ATTENTION;
    int second = first ^ (ATTENTION | STRIKE);
    emphasis_pass(p, bottom, OCP_NIL, parent, first, second);
    emphasis_pass(p, bottom, OCP_NIL, parent, second, 0);
}

static int delimiter_kind(uint8_t ch)
{
    return ch == '~' ? STRIKE : ATTENTION;
}

/* Pairs the closers of kinds between bottom and top (indices; OCP_NIL for none) with their openers, each match
 * first pairing the delimiters of inner kinds inside it, and takes the delimiters of kinds left over off the
 * stack. */
static void emphasis_pass(ocp_inline_parser *p, int32_t bottom, int32_t top, int32_t parent, int kinds, int inner)
{
    bool remaining = p->micromark; /* micromark's rule of 3 looks at what is left of each run */
    int32_t closer = OCP_NIL;
    for (int32_t d = top == OCP_NIL ? p->last_delim : p->delims[top].prev; d != OCP_NIL && d > bottom;
         d = p->delims[d].prev) {
        closer = d;
        p->work++;
    }
    int32_t *openers_bottom = p->openers_bottom;
    for (int k = (kinds & ATTENTION) != 0 ? 0 : 12; k < ((kinds & STRIKE) != 0 ? 14 : 12); k++) {
        openers_bottom[k] = bottom;
    }
    while (closer != OCP_NIL && (top == OCP_NIL || closer < top)) {
        p->work++;
        int flags = p->delims[closer].flags;
        uint8_t ch = p->delims[closer].ch;
        if ((flags & CAN_CLOSE) == 0 || (kinds & delimiter_kind(ch)) == 0) {
            closer = p->delims[closer].next;
            continue;
        }
        int32_t closer_length = remaining ? p->delims[closer].end - p->delims[closer].start : p->delims[closer].orig;
        int slot = ch == '~' ? 11 + (int) closer_length
                   : (ch == '_' ? 6 : 0) + ((flags & CAN_OPEN) != 0 ? 3 : 0) + (int) (closer_length % 3);
        int32_t limit = openers_bottom[slot];
        int32_t opener = p->delims[closer].prev;
        while (opener != OCP_NIL && opener > limit) {
            p->work++;
            int of = p->delims[opener].flags;
            if (p->delims[opener].ch == ch && (of & CAN_OPEN) != 0) {
                int32_t opener_length = remaining ? p->delims[opener].end - p->delims[opener].start
                                                  : p->delims[opener].orig;
                if (ch == '~') {
                    if (opener_length == closer_length) {
                        break; /* strikethrough pairs runs of the same length */
                    }
                } else {
                    /* Rule of 3: if either can both open and close, the run lengths' sum must not be a
                     * multiple of 3 unless both are. */
                    bool both_ways = (flags & CAN_OPEN) != 0 || (of & CAN_CLOSE) != 0;
                    if (!both_ways || (opener_length + closer_length) % 3 != 0
                            || (opener_length % 3 == 0 && closer_length % 3 == 0)) {
                        break;
                    }
                }
            }
            opener = p->delims[opener].prev;
        }
        if (opener != OCP_NIL && opener > limit) {
            if (inner != 0) {
                emphasis_pass(p, opener, closer, parent, inner, 0);
            }
            if (remaining && ch != '~') {
                /* The opener may now fit closers that found none at or below it: searches reach it again. */
                for (int k = 0; k < 12; k++) {
                    if (openers_bottom[k] > opener - 1) {
                        openers_bottom[k] = opener - 1;
                    }
                }
            }
            closer = insert_emphasis(p, opener, closer, parent);
        } else {
            /* No opener for this kind of closer up to here: later searches of this kind stop here. */
            openers_bottom[slot] = closer - 1;
            int32_t next = p->delims[closer].next;
            if ((flags & CAN_OPEN) == 0) {
                remove_delimiter(p, closer, parent);
            }
            closer = next;
        }
    }
    for (int32_t d = top == OCP_NIL ? p->last_delim : p->delims[top].prev; d != OCP_NIL && d > bottom;) {
        int32_t prev = p->delims[d].prev;
        if ((kinds & delimiter_kind(p->delims[d].ch)) != 0) {
            remove_delimiter(p, d, parent);
        }
        d = prev;
    }
}

/* Wraps the nodes between opener and closer in emphasis or strikethrough; returns the closer to continue
 * with. */
static int32_t insert_emphasis(ocp_inline_parser *p, int32_t opener, int32_t closer, int32_t parent)
{
    ocp_tree *tree = p->tree;
    bool strike = p->delims[opener].ch == '~';
    int32_t use = strike ? p->delims[closer].orig
                  : p->delims[opener].end - p->delims[opener].start >= 2
                          && p->delims[closer].end - p->delims[closer].start >= 2 ? 2 : 1;
    p->delims[opener].end -= use;
    p->delims[closer].start += use;
    int32_t opener_node = p->delims[opener].node;
    int32_t closer_node = p->delims[closer].node;
    int32_t em = ocp_tree_new_node(tree, strike ? OCP_KIND_STRIKETHROUGH : use == 2 ? OCP_KIND_STRONG : OCP_KIND_EMPHASIS,
                                   src(p, p->delims[opener].end), src(p, p->delims[closer].start));
    if (!strike) {
        ocp_tree_set_data(tree, em, p->delims[opener].ch);
    }
    int32_t first = ocp_tree_next_sibling(tree, opener_node);
    if (first != closer_node) {
        ocp_tree_move_range(tree, parent, first, ocp_tree_previous_sibling(tree, closer_node), em);
    }
    ocp_tree_insert_before(tree, parent, closer_node, em);
    for (int32_t d = p->delims[opener].next; d != closer;) {
        int32_t next = p->delims[d].next;
        remove_delimiter(p, d, em);
        d = next;
    }
    if (p->delims[opener].start == p->delims[opener].end) {
        remove_delimiter(p, opener, parent);
    }
    if (p->delims[closer].start == p->delims[closer].end) {
        int32_t next = p->delims[closer].next;
        remove_delimiter(p, closer, parent);
        return next;
    }
    return closer;
}
