/**
 * Chunks of a document for language models and embeddings, split along its syntax tree: {@link dev.ocp.chunk.Chunker}
 * makes them, {@link dev.ocp.chunk.ChunkOptions} says how, {@link dev.ocp.chunk.Chunk} is one. Built over the reader
 * core, the plain-text renderer and the headings of {@code dev.ocp.toc}; the core knows nothing of it.
 */
package dev.ocp.chunk;
