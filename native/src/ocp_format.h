/*
 * The numbers of OCP v1 (docs/ocp-format.md is the specification): header layout, record sizes, node kinds
 * and per-kind flag bits. Mirrors dev.ocp.spi.OcpFormat and dev.ocp.NodeKind; a test of the native module
 * checks the two agree, and the api's KindSchemaAgreementTest holds the kinds and flags to the kind schema
 * (dev.ocp.internal.KindSchema).
 */
#ifndef OCP_FORMAT_H
#define OCP_FORMAT_H

#define OCP_MAGIC 0x0050434Fu
#define OCP_VERSION_MAJOR 1
#define OCP_VERSION_MINOR 6
#define OCP_NONE 0xFFFFFFFFu

#define OCP_HEADER_SIZE 48
#define OCP_H_MAGIC 0
#define OCP_H_VERSION_MAJOR 4
#define OCP_H_VERSION_MINOR 6
#define OCP_H_HEADER_SIZE 8
#define OCP_H_DIALECT 10
#define OCP_H_FLAGS 11
#define OCP_HEADER_FLAG_GFM 1
#define OCP_HEADER_FLAG_FRONTMATTER 2
#define OCP_HEADER_FLAG_MATH 4
#define OCP_HEADER_FLAG_DIRECTIVE 8
#define OCP_HEADER_FLAG_ALERTS 16
#define OCP_HEADER_FLAG_HEADING_IDS 32
#define OCP_HEADER_FLAGS_V1_1 7
#define OCP_HEADER_FLAGS_KNOWN 63
#define OCP_H_TOTAL_SIZE 12
#define OCP_H_SOURCE_LENGTH 16
#define OCP_H_NODE_OFFSET 20
#define OCP_H_NODE_COUNT 24
#define OCP_H_NODE_RECORD_SIZE 28
#define OCP_H_ATTR_RECORD_SIZE 30
#define OCP_H_STRING_OFFSET 32
#define OCP_H_STRING_SIZE 36
#define OCP_H_ATTR_OFFSET 40
#define OCP_H_ATTR_COUNT 44

#define OCP_NODE_RECORD_SIZE 36
#define OCP_N_KIND 0
#define OCP_N_FLAGS 1
#define OCP_N_DATA 2
#define OCP_N_PARENT 4
#define OCP_N_FIRST_CHILD 8
#define OCP_N_NEXT_SIBLING 12
#define OCP_N_SPAN_START 16
#define OCP_N_SPAN_END 20
#define OCP_N_A 24
#define OCP_N_B 28
#define OCP_N_C 32

#define OCP_ATTR_RECORD_SIZE 20
#define OCP_A_KIND 0
#define OCP_A_NAME 4
#define OCP_A_VALUE 8
#define OCP_A_SPAN_START 12
#define OCP_A_SPAN_END 16

#define OCP_ATTR_PLAIN 1
#define OCP_ATTR_EXPRESSION 2
#define OCP_ATTR_BOOLEAN 3
#define OCP_ATTR_SPREAD 4

/* Node kinds (dev.ocp.NodeKind). */
#define OCP_KIND_DOCUMENT 1
#define OCP_KIND_PARAGRAPH 2
#define OCP_KIND_HEADING 3
#define OCP_KIND_THEMATIC_BREAK 4
#define OCP_KIND_BLOCK_QUOTE 5
#define OCP_KIND_LIST 6
#define OCP_KIND_LIST_ITEM 7
#define OCP_KIND_CODE_BLOCK 8
#define OCP_KIND_HTML_BLOCK 9
#define OCP_KIND_DEFINITION 10
#define OCP_KIND_TABLE 11
#define OCP_KIND_TABLE_ROW 12
#define OCP_KIND_TABLE_CELL 13
#define OCP_KIND_FOOTNOTE_DEFINITION 14
#define OCP_KIND_FRONTMATTER 15
#define OCP_KIND_MATH_BLOCK 16
#define OCP_KIND_MDX_JSX_FLOW 17
#define OCP_KIND_MDX_EXPRESSION_FLOW 18
#define OCP_KIND_MDX_ESM 19
#define OCP_KIND_CONTAINER_DIRECTIVE 20
#define OCP_KIND_LEAF_DIRECTIVE 21
#define OCP_KIND_ALERT 22
#define OCP_KIND_TEXT 32
#define OCP_KIND_SOFT_BREAK 33
#define OCP_KIND_HARD_BREAK 34
#define OCP_KIND_CODE_SPAN 35
#define OCP_KIND_EMPHASIS 36
#define OCP_KIND_STRONG 37
#define OCP_KIND_LINK 38
#define OCP_KIND_IMAGE 39
#define OCP_KIND_HTML_INLINE 40
#define OCP_KIND_STRIKETHROUGH 41
#define OCP_KIND_FOOTNOTE_REFERENCE 42
#define OCP_KIND_MATH_INLINE 43
#define OCP_KIND_MDX_JSX_TEXT 44
#define OCP_KIND_MDX_EXPRESSION_TEXT 45
#define OCP_KIND_TEXT_DIRECTIVE 46

/* Flags, per kind. */
#define OCP_FLAG_HEADING_SETEXT 1
/* PARAGRAPH (v1.6): the label of a CONTAINER_DIRECTIVE, its first child. */
#define OCP_FLAG_PARAGRAPH_DIRECTIVE_LABEL 1
#define OCP_FLAG_LIST_ORDERED 1
#define OCP_FLAG_LIST_TIGHT 2
#define OCP_FLAG_LIST_SPREAD 4
#define OCP_FLAG_ITEM_TASK 1
#define OCP_FLAG_ITEM_CHECKED 2
#define OCP_FLAG_ITEM_SPREAD 4
#define OCP_FLAG_CODE_FENCED 1
#define OCP_FLAG_CODE_UNCLOSED 2
#define OCP_FLAG_MATH_UNCLOSED 1
#define OCP_FLAG_HTML_UNCLOSED 1
#define OCP_FLAG_TABLE_HEADER 1
#define OCP_FLAG_LINK_AUTOLINK 1
#define OCP_FLAG_LINK_LITERAL 2
/* LINK and IMAGE (v1.2): bits 2-3, how a reference link was written (0: inline or autolink); slot c its label. */
#define OCP_FLAG_REFERENCE_MASK 12
#define OCP_FLAG_REFERENCE_FULL 4
#define OCP_FLAG_REFERENCE_COLLAPSED 8
#define OCP_FLAG_REFERENCE_SHORTCUT 12

#define OCP_ALIGN_NONE 0
#define OCP_ALIGN_LEFT 1
#define OCP_ALIGN_CENTER 2
#define OCP_ALIGN_RIGHT 3

#define OCP_FRONTMATTER_YAML 1
#define OCP_FRONTMATTER_TOML 2

#endif
