package fr.ent.onde.aaf;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an AAF 1D file ({@code ficAlimMENESR}) one request at a time, so that a file of any size is read in
 * constant memory. DTDs are refused outright: no external entity is ever resolved and no entity is expanded
 * (XXE, "billion laughs"). Anything that is not the expected structure is an {@link AafFormatException} naming
 * file, line and attribute.
 */
public final class AafReader implements AutoCloseable {

    static final String ROOT = "ficAlimMENESR";
    /** Room for the indentation and line breaks around a value, in bytes. */
    private static final int LAYOUT_BYTES = 4096;
    /** The most values a request may hold, all attributes together (a real one holds a few dozen). */
    static final int MAX_VALUES_PER_REQUEST = 1000;
    private static final XMLInputFactory FACTORY = secureFactory();

    private final XMLStreamReader xml;
    private final BoundedXmlInput input;
    private final String file;
    private final int maxValueLength;
    /** Values read in the current request. */
    private int valuesRead;

    private AafReader(XMLStreamReader xml, BoundedXmlInput input, String file, int maxValueLength) {
        this.xml = xml;
        this.input = input;
        this.file = file;
        this.maxValueLength = maxValueLength;
    }

    /**
     * Opens a file and checks its root element. No piece of the XML (text, tag, comment, processing instruction) may
     * be longer than a value of {@code maxValueLength} characters in UTF-8 plus some room for layout: it is refused as
     * it streams, before anything holds it.
     */
    public static AafReader open(InputStream in, String file, int maxValueLength) throws AafFormatException {
        BoundedXmlInput bounded = new BoundedXmlInput(in, 4L * maxValueLength + LAYOUT_BYTES);
        try {
            AafReader reader = new AafReader(FACTORY.createXMLStreamReader(bounded, "UTF-8"), bounded, file,
                    maxValueLength);
            reader.nextElement();
            if (!reader.xml.isStartElement() || !ROOT.equals(reader.xml.getLocalName())) {
                throw reader.error(null, "the root element must be " + ROOT);
            }
            return reader;
        } catch (XMLStreamException e) {
            throw malformed(file, bounded, e, "not well-formed XML: ");
        }
    }

    /** The next request, or empty at the end of the file. */
    public Optional<AafEntry> next() throws AafFormatException {
        try {
            nextElement();
            if (xml.isEndElement() && ROOT.equals(xml.getLocalName())) {
                expectEndOfDocument();
                return Optional.empty();
            }
            if (!xml.isStartElement()) {
                throw error(null, "the file ends before </" + ROOT + "> (truncated?)");
            }
            return Optional.of(request());
        } catch (XMLStreamException e) {
            throw malformed(file, input, e, "not well-formed XML (truncated?): ");
        }
    }

    private AafEntry request() throws XMLStreamException, AafFormatException {
        int line = xml.getLocation().getLineNumber();
        AafEntry.Operation operation = switch (xml.getLocalName()) {
            case "addRequest" -> AafEntry.Operation.ADD;
            case "modifyRequest" -> AafEntry.Operation.MODIFY;
            case "deleteRequest" -> AafEntry.Operation.DELETE;
            default -> throw error(null, "unexpected element <" + xml.getLocalName()
                    + ">, expected addRequest, modifyRequest or deleteRequest");
        };
        String category = null;
        String id = null;
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        valuesRead = 0;
        while (nextElement() && xml.isStartElement()) {
            switch (xml.getLocalName()) {
                case "operationalAttributes" -> category = firstValue(attrs("attr", "categoriePersonne",
                        "categorieStructure"));
                case "identifier" -> id = identifier();
                case "attributes" -> attributes.putAll(attrs("attr"));
                case "modifications" -> attributes.putAll(attrs("modification"));
                default -> throw error(null, "unexpected element <" + xml.getLocalName() + "> in a request");
            }
        }
        if (id == null || id.isBlank()) {
            throw new AafFormatException(file, line, null, "the request has no identifier/id");
        }
        if (category == null) {
            throw new AafFormatException(file, line, null, "the request has no categoriePersonne/categorieStructure");
        }
        return new AafEntry(operation, category, id, attributes, line);
    }

    private String identifier() throws XMLStreamException, AafFormatException {
        String id = null;
        while (nextElement() && xml.isStartElement()) {
            if (!"id".equals(xml.getLocalName())) {
                throw error(null, "unexpected element <" + xml.getLocalName() + "> in identifier");
            }
            id = text("id");
        }
        return id;
    }

    /** The {@code attr} (or {@code modification}) children of the current element, by their name attribute. */
    private Map<String, List<String>> attrs(String element, String... allowedNames)
            throws XMLStreamException, AafFormatException {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        while (nextElement() && xml.isStartElement()) {
            if (!element.equals(xml.getLocalName())) {
                throw error(null, "unexpected element <" + xml.getLocalName() + ">, expected <" + element + ">");
            }
            String name = xml.getAttributeValue(null, "name");
            if (name == null || name.isBlank()) {
                throw error(null, "<" + element + "> without a name");
            }
            if (allowedNames.length > 0 && !List.of(allowedNames).contains(name)) {
                throw error(name, "not an operational attribute");
            }
            String operation = xml.getAttributeValue(null, "operation");
            if ("modification".equals(element) && operation != null && !"replace".equals(operation)) {
                throw error(name, "modification operation '" + operation + "' is not supported (only replace)");
            }
            List<String> values = new ArrayList<>();
            while (nextElement() && xml.isStartElement()) {
                if (!"value".equals(xml.getLocalName())) {
                    throw error(name, "unexpected element <" + xml.getLocalName() + ">, expected <value>");
                }
                if (++valuesRead > MAX_VALUES_PER_REQUEST) {
                    throw error(name, "more than " + MAX_VALUES_PER_REQUEST + " values in one request");
                }
                values.add(text(name));
            }
            attributes.put(name, values);
        }
        return attributes;
    }

    private static String firstValue(Map<String, List<String>> attributes) {
        return attributes.values().stream().flatMap(List::stream).findFirst().orElse(null);
    }

    private String text(String attribute) throws XMLStreamException, AafFormatException {
        String text = xml.getElementText().trim();
        if (text.length() > maxValueLength) {
            throw error(attribute, "value longer than " + maxValueLength + " characters");
        }
        return text;
    }

    /** Moves to the next start or end element; a DTD on the way is refused. False at an end element. */
    private boolean nextElement() throws XMLStreamException, AafFormatException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.DTD) {
                throw error(null, "a DOCTYPE is not accepted (no DTD, no entities)");
            }
            if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw error(null, "entity reference &" + xml.getLocalName() + "; is not accepted");
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
        }
        throw error(null, "the file ends too early (truncated?)");
    }

    private void expectEndOfDocument() throws XMLStreamException, AafFormatException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                throw error(null, "content after </" + ROOT + ">");
            }
        }
    }

    private AafFormatException error(String attribute, String problem) {
        return new AafFormatException(file, xml.getLocation().getLineNumber(), attribute, problem);
    }

    /** A parse error; when the bounded input refused a piece, its own reason and line. */
    private static AafFormatException malformed(String file, BoundedXmlInput input, XMLStreamException e,
            String prefix) {
        if (input.refusal() != null) {
            return new AafFormatException(file, input.refusal().line, null, input.refusal().getMessage());
        }
        return new AafFormatException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNumber(), null,
                prefix + e.getMessage());
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory;
    }

    @Override
    public void close() throws XMLStreamException {
        xml.close();
    }
}
