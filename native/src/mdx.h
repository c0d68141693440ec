/*
 * MDX's lexical part and node helpers, shared by the block and the inline parser: a port of MdxScanner.java (a
 * JSX tag and a brace-balanced expression, read as markdown-rs 1.0 reads them without a JavaScript parser, with
 * its reasons and rule ids word for word) and of MdxNodes.java (a scanned tag's fields written into its node,
 * tags compared and named for messages, syntax errors placed at a line and column). The Java classes document
 * the rules; this file follows them function by function.
 *
 * C specifics: where Java throws MdxScanner.Failure, the scanner calls its host's fail function, which places
 * the content offset in the source and leaves the parse through ocp_fail (OCP_SYNTAX); it never returns.
 */
#ifndef OCP_MDX_H
#define OCP_MDX_H

#include <stdbool.h>

#include "content_map.h"
#include "ocp_internal.h"

/* The bytes are not a tag (or not an expression). */
#define OCP_MDX_NOK (-1)

/* Attribute kinds, the format's numbers (section 6). */
enum { OCP_MDX_PLAIN = 1, OCP_MDX_EXPRESSION = 2, OCP_MDX_BOOLEAN = 3, OCP_MDX_SPREAD = 4 };

/* Bytes of a name that a message quotes (MdxNodes.LABEL_NAME_LIMIT). */
#define OCP_MDX_LABEL_NAME_LIMIT 32

typedef struct ocp_mdx_attribute {
    int32_t kind, name_start, name_end, value_start, value_end, start, end;
} ocp_mdx_attribute;

typedef struct ocp_mdx_scanner ocp_mdx_scanner;

/* MdxScanner.Continuation: appends the next line (through ocp_mdx_grow) and returns true, returns false when
 * there is none, or fails on a lazy line. */
typedef bool (*ocp_mdx_more)(void *host, ocp_mdx_scanner *s, bool in_expression);
/* Where a Failure goes: at is a content offset. Must not return (it ends in ocp_fail). */
typedef void (*ocp_mdx_fail)(void *host, int32_t at, const char *rule_id, const char *reason);

struct ocp_mdx_scanner {
    ocp_ctx *ctx;
    void *host;
    ocp_mdx_fail fail;
    ocp_mdx_more more; /* NULL: the content is all there (a paragraph's) */
    /* MdxScanner.micromark: the end of the input inside a tag is a failure, named after its place. */
    bool micromark;
    /* MdxScanner.lineEndingFollows: a line ending follows what `more` may extend ('<' at the line's end is no tag). */
    bool line_ending_follows;
    /* MdxScanner.spaceAtEnd: with micromark, spaces or tabs follow the input (a paragraph's last line's). */
    bool space_at_end;
    const uint8_t *b;
    int32_t end;
    bool in_expression;
    /* The last tag: closing, self-closing, its name (name_start -1: a fragment). */
    bool closing;
    bool self_closing;
    int32_t name_start;
    int32_t name_end;
    /* Where a closing tag's first attribute or self-closing slash is, or -1 (the tree reports it). */
    int32_t closing_extra;
    bool closing_extra_is_slash;
    int32_t attributes;
    int32_t attr_capacity;
    ocp_mdx_attribute *attrs;
};

/* Readies a scanner whose failures go to fail(host, ...). */
void ocp_mdx_scanner_init(ocp_mdx_scanner *s, ocp_ctx *ctx, void *host, ocp_mdx_fail fail);
/* Takes the buffer back after a continuation appended to it. */
void ocp_mdx_grow(ocp_mdx_scanner *s, const uint8_t *buf, int32_t limit);
/* A JSX tag at buf[p], a '<': the offset after its '>', or OCP_MDX_NOK. */
int32_t ocp_mdx_tag(ocp_mdx_scanner *s, const uint8_t *buf, int32_t p, int32_t limit);
/* An expression at buf[p], a '{': the offset after the brace that balances it. */
int32_t ocp_mdx_expression(ocp_mdx_scanner *s, const uint8_t *buf, int32_t p, int32_t limit);

/* MdxNodes.tagFields: the last tag's name and attributes into node (map: content offsets to source). */
void ocp_mdx_tag_fields(ocp_tree *tree, int32_t node, const ocp_mdx_scanner *s, const uint8_t *buf,
                        const ocp_content_map *map);
/* MdxNodes.sameName: whether the closing tag just scanned names the element node (fragments match). */
bool ocp_mdx_same_name(const ocp_tree *tree, int32_t node, const uint8_t *buf, const ocp_mdx_scanner *s);

/* A message under construction, truncated at the capacity (which the fixed texts and capped names never reach). */
typedef struct ocp_mdx_text {
    char chars[OCP_MESSAGE_CAPACITY];
    int32_t length;
} ocp_mdx_text;

void ocp_mdx_text_add(ocp_mdx_text *t, const char *s);
void ocp_mdx_text_add_int(ocp_mdx_text *t, int64_t v);
/* MdxNodes.label: <name> (</name> when closing) of the element node. */
void ocp_mdx_text_add_label(ocp_mdx_text *t, const ocp_tree *tree, int32_t node, bool closing);
/* MdxNodes.closingLabel: the closing tag just scanned. */
void ocp_mdx_text_add_closing_label(ocp_mdx_text *t, const uint8_t *buf, const ocp_mdx_scanner *s);
/* MdxNodes.lineColumn: LINE:COLUMN of a source offset. */
void ocp_mdx_text_add_line_column(ocp_mdx_text *t, const uint8_t *src, int32_t length, int32_t at);

/* MdxNodes.syntaxError: fails the parse with OCP_SYNTAX, message "L:C[-L:C]: REASON (ocp:RULE)", at source
 * offset at (to `to`, or a point when -1). */
_Noreturn void ocp_mdx_syntax_error(ocp_ctx *ctx, const uint8_t *src, int32_t length, int32_t at, int32_t to,
                                    const char *rule_id, const char *reason);
/* InlineParser.defer: keeps that failure (an error of MDX's tree builder) for the end of the parse unless one met
 * earlier is kept: its order is source offset `where`, a block's end (block) after its content's errors there. */
void ocp_mdx_defer_syntax_error(ocp_ctx *ctx, const uint8_t *src, int32_t length, int32_t at, int32_t to,
                                const char *rule_id, const char *reason, int32_t where, bool block);
/* InlineParser.throwDeferred: fails the parse with the kept error, if any. */
void ocp_mdx_throw_deferred(ocp_ctx *ctx);
/* MdxNodes.closedOutside, after "Expected the closing tag `" and the tag: the rest of the words, for a node (named
 * `node`, at source offsets start to end) opened after the element and still open. */
void ocp_mdx_text_add_closed_outside(ocp_mdx_text *m, const char *node, const uint8_t *src, int32_t length,
                                     int32_t start, int32_t end, bool micromark);

#endif
