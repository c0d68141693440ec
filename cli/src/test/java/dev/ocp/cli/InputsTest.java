package dev.ocp.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled samples: all listed, all present, of varied size. */
class InputsTest {

    @Test
    void everySampleFileIsListedAndLoads() throws IOException, URISyntaxException {
        Path dir = Path.of(Inputs.class.getResource("/dev/ocp/cli/samples/").toURI());
        Set<String> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        assertEquals(files, Set.copyOf(Inputs.SAMPLES));
        List<Inputs.Input> samples = Inputs.samples();
        assertEquals(Inputs.SAMPLES.size(), samples.size());
        int smallest = Integer.MAX_VALUE;
        int largest = 0;
        for (Inputs.Input sample : samples) {
            smallest = Math.min(smallest, sample.bytes().length);
            largest = Math.max(largest, sample.bytes().length);
        }
        assertTrue(smallest < 200 && largest > 10_000, "samples should range from tiny to long: " + smallest + ".."
                + largest);
    }
}
