package fr.ent.onde.aaf;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jboss.logging.Logger;

/**
 * An ONDE export delivered as a zip: its AAF files, by entity type and part number, in the order an import reads
 * them (schools, responsables, staff, pupils). Refuses what is not an export: unknown file names, missing parts,
 * no school file, more entries or more bytes than configured (zip bombs).
 */
public final class ExportArchive implements AutoCloseable {

    /** The entity types, in reading order: what pupils and staff refer to is read before them. */
    public enum FileType { EtabEducNat, PersRelEleve, PersEducNat, Eleve }

    public record Part(String name, FileType type, int number, long size) {
    }

    private static final Logger LOG = Logger.getLogger(ExportArchive.class);
    private static final Pattern NAME = Pattern.compile("(?:.*/)?([^/]+_(EtabEducNat|PersRelEleve|PersEducNat|Eleve)_(\\d{4})\\.xml)");

    private final ZipFile zip;
    private final List<Part> parts;

    private ExportArchive(ZipFile zip, List<Part> parts) {
        this.zip = zip;
        this.parts = parts;
    }

    public static ExportArchive open(Path file, String name, int maxEntries, long maxBytes) throws AafFormatException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (IOException e) {
            throw new AafFormatException(name, 0, null, "not a zip archive: " + e.getMessage());
        }
        try {
            return new ExportArchive(zip, parts(zip, name, maxEntries, maxBytes));
        } catch (AafFormatException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    private static List<Part> parts(ZipFile zip, String name, int maxEntries, long maxBytes) throws AafFormatException {
        List<Part> parts = new ArrayList<>();
        long total = 0;
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            if (entry.isDirectory()) {
                continue;
            }
            if (parts.size() == maxEntries) {
                throw new AafFormatException(name, 0, null, "more than " + maxEntries + " files");
            }
            Matcher matcher = NAME.matcher(entry.getName());
            if (!matcher.matches()) {
                throw new AafFormatException(entry.getName(), 0, null,
                        "not an AAF file name (…_EtabEducNat|PersRelEleve|PersEducNat|Eleve_NNNN.xml)");
            }
            total += Math.max(entry.getSize(), 0);
            if (total > maxBytes) {
                throw new AafFormatException(name, 0, null, "more than " + maxBytes + " bytes once uncompressed");
            }
            parts.add(new Part(entry.getName(), FileType.valueOf(matcher.group(2)), Integer.parseInt(matcher.group(3)),
                    entry.getSize()));
        }
        checkNumbering(parts, name);
        parts.sort(Comparator.comparing(Part::type).thenComparing(Part::number));
        return parts;
    }

    /** Parts of a type are numbered from 0000 without a gap: a gap is a part lost on the way. */
    private static void checkNumbering(List<Part> parts, String name) throws AafFormatException {
        Map<FileType, List<Integer>> numbers = new TreeMap<>();
        parts.forEach(p -> numbers.computeIfAbsent(p.type(), t -> new ArrayList<>()).add(p.number()));
        if (!numbers.containsKey(FileType.EtabEducNat)) {
            throw new AafFormatException(name, 0, null, "no school file (…_EtabEducNat_0000.xml)");
        }
        for (Map.Entry<FileType, List<Integer>> type : numbers.entrySet()) {
            List<Integer> sorted = type.getValue().stream().sorted().toList();
            for (int i = 0; i < sorted.size(); i++) {
                if (sorted.get(i) != i) {
                    throw new AafFormatException(name, 0, null, String.format("part %04d of the %s files is missing",
                            i, type.getKey()));
                }
            }
        }
    }

    public List<Part> parts() {
        return parts;
    }

    /** A complete export ("Complet" in its file names) states everything ONDE holds; otherwise it is a delta. */
    public boolean complete() {
        return parts.stream().anyMatch(p -> p.name().contains("_Complet_"));
    }

    public long totalBytes() {
        return parts.stream().mapToLong(Part::size).sum();
    }

    /** The part's content; reading more than the archive declared for it fails (a lying zip). */
    public InputStream open(Part part) throws IOException {
        InputStream in = zip.getInputStream(zip.getEntry(part.name()));
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                count(Math.max(n, 0));
                return n;
            }

            private void count(int n) throws IOException {
                read += n;
                if (part.size() >= 0 && read > part.size()) {
                    throw new IOException(part.name() + " is larger than the archive declares");
                }
            }
        };
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException e) {
            LOG.debugf("closing an export archive: %s", e.getMessage());
        }
    }
}
