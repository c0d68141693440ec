package dev.ocp.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Replaces a file's content so that whoever reads it, even after a crash or a power cut in the middle, finds the old
 * content or the new, never a mix: the new bytes go to a temporary file in the same directory, are forced to disk,
 * and the temporary file is then renamed over the old one, which the file system does in one step.
 */
final class AtomicFile {
    /** How the temporary files are named: hidden, and not *.md, so that no command takes one for a page. */
    static final String TEMPORARY_SUFFIX = ".ocp-write";

    private AtomicFile() {
    }

    /**
     * @param file  an existing file
     * @param bytes its new content
     * @throws IOException if the file cannot be replaced; it is then unchanged
     */
    static void replace(Path file, byte[] bytes) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temporary = Files.createTempFile(dir, "." + target.getFileName() + ".", TEMPORARY_SUFFIX);
        boolean moved = false;
        try {
            keepPermissions(target, temporary);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // On disk before the rename: else a crash could leave the new name with no content behind it.
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("this file system cannot replace " + target.getFileName() + " in one step", e);
            }
            moved = true;
            forceDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** The new file gets the old one's permissions (createTempFile makes it readable by its owner only). */
    private static void keepPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        if (view != null) {
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            Files.setPosixFilePermissions(to, permissions);
        }
    }

    /** The rename itself on disk; where a directory cannot be opened (Windows), the file system keeps it anyway. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Nothing to do: the file is whole either way, only the rename may not yet be durable.
        }
    }
}
