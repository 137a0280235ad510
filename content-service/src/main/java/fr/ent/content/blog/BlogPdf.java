package fr.ent.content.blog;

import fr.ent.content.item.Item;
import fr.ent.content.item.RichText;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * CNT-4: a blog written as a PDF, article after article — title, date, author, text, images — on A4 pages. The
 * document's streams are kept in a temporary file, not in the heap, and each image is embedded once however many
 * articles show it: a blog of thousands of articles with images fits a small heap. Text is set in Helvetica (the
 * PDF standard fonts, nothing embedded); a character they cannot show is written as '?'.
 */
final class BlogPdf implements AutoCloseable {

    /** An image of an article: its bytes' key (to embed once) and how to read them. */
    interface Images {
        /** The keys (blob hashes) of the images an article shows, in order. */
        List<String> of(Item article);

        byte[] bytes(String key) throws IOException;
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRANCE)
            .withZone(ZoneId.of("Europe/Paris"));
    private static final float MARGIN = 56;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final float MAX_IMAGE_HEIGHT = 300;

    private final PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final PDType1Font italic = new PDType1Font(Standard14Fonts.FontName.HELVETICA_OBLIQUE);
    private final Map<String, PDImageXObject> embedded = new HashMap<>();
    private final Map<Character, Boolean> shown = new HashMap<>();
    private final Images images;
    private PDPageContentStream page;
    private float y;
    private int pages;
    private int articles;

    BlogPdf(String blogName, String category, Images images) throws IOException {
        this.images = images;
        newPage();
        line(bold, 20, blogName);
        if (category != null) {
            line(italic, 12, "Catégorie : " + category);
        }
        y -= 12;
    }

    void article(Item article) throws IOException {
        articles++;
        space(60);
        paragraph(bold, 15, article.title(), 19);
        String author = article.creatorName() == null ? "" : " — " + article.creatorName();
        String category = article.data() != null && article.data().hasNonNull("category")
                ? " — " + article.data().get("category").asText() : "";
        paragraph(italic, 9, DAY.format(article.createdAt()) + author + category, 13);
        y -= 4;
        for (String text : RichText.text(article.body()).split("\n")) {
            paragraph(regular, 11, text, 15);
        }
        for (String key : images.of(article)) {
            image(key);
        }
        y -= 18;
    }

    int articles() {
        return articles;
    }

    int pages() {
        return pages;
    }

    void writeTo(OutputStream out) throws IOException {
        page.close();
        document.save(out);
    }

    @Override
    public void close() throws IOException {
        document.close();
    }

    private void image(String key) throws IOException {
        PDImageXObject image = embedded.get(key);
        if (image == null) {
            try {
                image = PDImageXObject.createFromByteArray(document, images.bytes(key), key);
            } catch (IOException | IllegalArgumentException e) {
                paragraph(italic, 9, "(image illisible)", 13);
                return;
            }
            embedded.put(key, image);
        }
        float scale = Math.min(1f, Math.min(WIDTH / image.getWidth(), MAX_IMAGE_HEIGHT / image.getHeight()));
        float width = image.getWidth() * scale;
        float height = image.getHeight() * scale;
        space(height + 6);
        y -= height;
        page.drawImage(image, MARGIN, y, width, height);
        y -= 6;
    }

    private void paragraph(PDType1Font font, float size, String text, float leading) throws IOException {
        List<String> lines = wrap(font, size, shownText(font, text));
        if (lines.isEmpty()) {
            y -= leading / 2;
        }
        for (String line : lines) {
            space(leading);
            y -= leading;
            page.beginText();
            page.setFont(font, size);
            page.newLineAtOffset(MARGIN, y);
            page.showText(line);
            page.endText();
        }
    }

    private void line(PDType1Font font, float size, String text) throws IOException {
        paragraph(font, size, text, size * 1.4f);
    }

    private List<String> wrap(PDType1Font font, float size, String text) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (font.getStringWidth(candidate) / 1000 * size <= WIDTH) {
                current.setLength(0);
                current.append(candidate);
                continue;
            }
            if (!current.isEmpty()) {
                lines.add(current.toString());
            }
            current.setLength(0);
            // A word wider than the page is cut where it must be.
            while (font.getStringWidth(word) / 1000 * size > WIDTH) {
                int cut = word.length() - 1;
                while (cut > 1 && font.getStringWidth(word.substring(0, cut)) / 1000 * size > WIDTH) {
                    cut--;
                }
                lines.add(word.substring(0, cut));
                word = word.substring(cut);
            }
            current.append(word);
        }
        if (!current.isEmpty()) {
            lines.add(current.toString());
        }
        return lines;
    }

    /** The text with what Helvetica cannot show as '?', tabs and other spaces as spaces. */
    private String shownText(PDType1Font font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                out.append(' ');
            } else if (shown.computeIfAbsent(c, ch -> encodable(font, ch))) {
                out.append(c);
            } else {
                out.append('?');
            }
        }
        return out.toString();
    }

    private static boolean encodable(PDType1Font font, char c) {
        try {
            font.encode(String.valueOf(c));
            return !Character.isISOControl(c);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private void space(float needed) throws IOException {
        if (y - needed < MARGIN) {
            newPage();
        }
    }

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage next = new PDPage(PDRectangle.A4);
        document.addPage(next);
        pages++;
        page = new PDPageContentStream(document, next);
        page.beginText();
        page.setFont(regular, 8);
        page.newLineAtOffset(PDRectangle.A4.getWidth() - MARGIN - 30, MARGIN / 2);
        page.showText("page " + pages);
        page.endText();
        y = PDRectangle.A4.getHeight() - MARGIN;
    }
}
