package dev.ocp.spark;

import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.connector.read.InputPartition;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The files one task reads.
 *
 * @param files the files
 */
record FileGroup(List<File> files) implements InputPartition {
    private static final long serialVersionUID = 1L;

    /**
     * One file as listed on the driver.
     *
     * @param path             its URI
     * @param size             its size in bytes
     * @param modificationTime when it was last changed, in milliseconds since the epoch
     */
    record File(String path, long size, long modificationTime) implements Serializable {
        private static final long serialVersionUID = 1L;

        static File of(FileStatus status) {
            return new File(status.getPath().toString(), status.getLen(), status.getModificationTime());
        }
    }

    /**
     * Spreads files over groups of about equal bytes: at least {@code parallelism} groups (when there are as many
     * files), more when the bytes exceed {@code bytesPerGroup} each; largest files first, each to the lightest
     * group. A group's files keep the order they were listed in.
     */
    static FileGroup[] spread(List<File> files, int parallelism, long bytesPerGroup) {
        long total = files.stream().mapToLong(File::size).sum();
        int count = (int) Math.min(files.size(), Math.max(Math.max(1, parallelism), total / bytesPerGroup + 1));
        if (count == 0) {
            return new FileGroup[0];
        }
        List<List<Integer>> members = new ArrayList<>();
        long[] bytes = new long[count];
        PriorityQueue<Integer> lightest = new PriorityQueue<>(
                Comparator.<Integer>comparingLong(g -> bytes[g]).thenComparingInt(g -> g));
        for (int g = 0; g < count; g++) {
            members.add(new ArrayList<>());
            lightest.add(g);
        }
        List<Integer> bySize = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            bySize.add(i);
        }
        bySize.sort(Comparator.<Integer>comparingLong(i -> files.get(i).size()).reversed());
        for (int i : bySize) {
            int g = lightest.poll();
            members.get(g).add(i);
            bytes[g] += files.get(i).size();
            lightest.add(g);
        }
        FileGroup[] groups = new FileGroup[count];
        for (int g = 0; g < count; g++) {
            List<File> group = new ArrayList<>();
            members.get(g).stream().sorted().forEach(i -> group.add(files.get(i)));
            groups[g] = new FileGroup(group);
        }
        return groups;
    }
}
