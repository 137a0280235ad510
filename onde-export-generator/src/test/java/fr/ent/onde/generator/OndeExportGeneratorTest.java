package fr.ent.onde.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ent.contracts.Uai;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OndeExportGeneratorTest {

    private static final Pattern UAI = Pattern.compile("<attr name=\"ENTStructureUAI\"><value>([^<]+)</value>");

    @Test
    void theSameSeedWritesTheSameFiles(@TempDir Path dir) throws IOException {
        new OndeExportGenerator(GeneratorSettings.defaults(42, 600)).generateAll(dir.resolve("a"));
        new OndeExportGenerator(GeneratorSettings.defaults(42, 600)).generateAll(dir.resolve("b"));
        new OndeExportGenerator(GeneratorSettings.defaults(43, 600)).generateAll(dir.resolve("c"));

        Map<String, String> a = contents(dir.resolve("a"));
        assertEquals(12, a.size(), "three exports of four files: " + a.keySet());
        assertEquals(a, contents(dir.resolve("b")));
        assertNotEquals(a, contents(dir.resolve("c")));
    }

    @Test
    void filesAreSplitIntoNumberedParts(@TempDir Path dir) throws IOException {
        GeneratorSettings small = GeneratorSettings.defaults(1, 450);
        GeneratorSettings parts = new GeneratorSettings(1, 450, small.academyCode(), small.academyName(),
                small.schoolYear(), small.failureShare(), 100, false);
        new OndeExportGenerator(parts).complete(small.schoolYear(), dir);
        try (Stream<Path> files = Files.list(dir)) {
            List<String> pupils = files.map(p -> p.getFileName().toString()).filter(n -> n.contains("_Eleve_")).sorted().toList();
            assertEquals("ENT_17_Complet_20180903_Eleve_0000.xml", pupils.get(0));
            assertEquals(5, pupils.size(), pupils.toString());
        }
    }

    @Test
    void everySchoolHasAValidUai(@TempDir Path dir) throws IOException {
        OndeExportGenerator.Export export = new OndeExportGenerator(GeneratorSettings.defaults(5, 3000))
                .complete(GeneratorSettings.defaults(5, 3000).schoolYear(), dir);
        List<String> uais = new ArrayList<>();
        for (String text : contents(dir).values()) {
            Matcher matcher = UAI.matcher(text);
            while (matcher.find()) {
                uais.add(matcher.group(1));
            }
        }
        assertEquals(export.schools(), uais.size());
        assertTrue(uais.stream().allMatch(Uai::isValid), uais.toString());
        assertEquals(uais.size(), uais.stream().distinct().count());
    }

    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.put(dir.relativize(file).toString(), Files.readString(file));
            }
        }
        return contents;
    }
}
