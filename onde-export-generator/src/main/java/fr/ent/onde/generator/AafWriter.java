package fr.ent.onde.generator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes one entity type of an AAF export ({@code ficAlimMENESR}), one request per entity, starting a new numbered
 * part every {@code partSize} requests: {@code ENT_<académie>_<Complet|Delta>_<date>_<Type>_0000.xml}.
 */
final class AafWriter implements AutoCloseable {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    private final Path folder;
    private final String prefix;
    private final String categoryAttribute;
    private final String category;
    private final int partSize;
    private int part = -1;
    private int inPart;
    private long written;
    private OutputStream out;
    private XMLStreamWriter xml;

    /** @param fileType EtabEducNat, Eleve, PersRelEleve or PersEducNat */
    AafWriter(Path folder, String prefix, String fileType, String categoryAttribute, String category, int partSize) {
        this.folder = folder;
        this.prefix = prefix + "_" + fileType + "_";
        this.categoryAttribute = categoryAttribute;
        this.category = category;
        this.partSize = partSize;
    }

    void add(String id, Map<String, List<String>> attributes) {
        request("addRequest", id, "attributes", "attr", attributes);
    }

    void modify(String id, Map<String, List<String>> replaced) {
        request("modifyRequest", id, "modifications", "modification", replaced);
    }

    void delete(String id) {
        request("deleteRequest", id, null, null, Map.of());
    }

    long written() {
        return written;
    }

    private void request(String element, String id, String group, String item, Map<String, List<String>> values) {
        try {
            if (xml == null || inPart == partSize) {
                nextPart();
            }
            xml.writeCharacters("\n  ");
            xml.writeStartElement(element);
            xml.writeCharacters("\n    ");
            xml.writeStartElement("operationalAttributes");
            attr("attr", categoryAttribute, List.of(category), null);
            xml.writeEndElement();
            xml.writeCharacters("\n    ");
            xml.writeStartElement("identifier");
            xml.writeStartElement("id");
            xml.writeCharacters(id);
            xml.writeEndElement();
            xml.writeEndElement();
            if (group != null) {
                xml.writeCharacters("\n    ");
                xml.writeStartElement(group);
                for (Map.Entry<String, List<String>> value : values.entrySet()) {
                    xml.writeCharacters("\n      ");
                    attr(item, value.getKey(), value.getValue(), "modification".equals(item) ? "replace" : null);
                }
                xml.writeCharacters("\n    ");
                xml.writeEndElement();
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            inPart++;
            written++;
        } catch (XMLStreamException | IOException e) {
            throw new IllegalStateException("could not write " + prefix + part, e);
        }
    }

    private void attr(String element, String name, List<String> values, String operation) throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeAttribute("name", name);
        if (operation != null) {
            xml.writeAttribute("operation", operation);
        }
        for (String value : values) {
            xml.writeStartElement("value");
            xml.writeCharacters(value);
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private void nextPart() throws XMLStreamException, IOException {
        closePart();
        part++;
        inPart = 0;
        out = new BufferedOutputStream(Files.newOutputStream(folder.resolve(String.format("%s%04d.xml", prefix, part))),
                1 << 16);
        xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("ficAlimMENESR");
    }

    private void closePart() throws XMLStreamException, IOException {
        if (xml != null) {
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.writeCharacters("\n");
            xml.close();
            out.close();
        }
    }

    @Override
    public void close() {
        try {
            if (xml == null) {
                nextPart(); // an export states its (empty) content explicitly
            }
            closePart();
        } catch (XMLStreamException | IOException e) {
            throw new UncheckedIOException(new IOException("could not close " + prefix + part, e));
        }
    }
}
