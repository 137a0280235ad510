package fr.ent.identity.sheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The printable connection sheets (IDN-4, IDN-5): one sheet per person — the ENT's name, school, class, the person,
 * login, password, address and a short first-connection guide in French — one, two or four sheets per A4 page, to
 * be cut along the dashed lines. The passwords exist in this document and nowhere else.
 */
public final class SheetPdf {

    /** One person's sheet. */
    public record Sheet(String person, String login, String password, List<String> about) {
    }

    /** What every sheet of the document shares. */
    public record Heading(String school, String className, String schoolYear, String entUrl, boolean parents) {
    }

    private static final float MARGIN = 28;

    private final Path fonts;

    public SheetPdf(Path fonts) {
        this.fonts = fonts;
    }

    public byte[] write(Heading heading, List<Sheet> sheets, int perPage) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Fonts f = fonts(document);
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Fiches de connexion " + heading.className() + " " + heading.schoolYear());
            info.setCreator("ENT rentrée — identity-service");
            for (int from = 0; from < sheets.size(); from += perPage) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    List<Sheet> onPage = sheets.subList(from, Math.min(sheets.size(), from + perPage));
                    for (int i = 0; i < onPage.size(); i++) {
                        draw(content, f, heading, onPage.get(i), cell(page.getMediaBox(), perPage, i), perPage);
                    }
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the connection sheets", e);
        }
    }

    private record Fonts(PDFont regular, PDFont bold, PDFont mono) {
    }

    private Fonts fonts(PDDocument document) throws IOException {
        Path regular = fonts.resolve("DejaVuSans.ttf");
        Path bold = fonts.resolve("DejaVuSans-Bold.ttf");
        Path mono = fonts.resolve("DejaVuSansMono.ttf");
        if (Files.isReadable(regular) && Files.isReadable(bold) && Files.isReadable(mono)) {
            return new Fonts(PDType0Font.load(document, regular.toFile()), PDType0Font.load(document, bold.toFile()),
                    PDType0Font.load(document, mono.toFile()));
        }
        return new Fonts(new PDType1Font(Standard14Fonts.FontName.HELVETICA),
                new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD),
                new PDType1Font(Standard14Fonts.FontName.COURIER));
    }

    /** The part of the page a sheet takes: the whole page, its top or bottom half, or a quarter. */
    private static PDRectangle cell(PDRectangle page, int perPage, int index) {
        float w = page.getWidth();
        float h = page.getHeight();
        return switch (perPage) {
            case 1 -> new PDRectangle(0, 0, w, h);
            case 2 -> new PDRectangle(0, index == 0 ? h / 2 : 0, w, h / 2);
            default -> new PDRectangle(index % 2 == 0 ? 0 : w / 2, index < 2 ? h / 2 : 0, w / 2, h / 2);
        };
    }

    private static void draw(PDPageContentStream content, Fonts f, Heading heading, Sheet sheet, PDRectangle cell,
            int perPage) throws IOException {
        float scale = perPage == 1 ? 1.0f : perPage == 2 ? 0.8f : 0.58f;
        float left = cell.getLowerLeftX() + MARGIN;
        float width = cell.getWidth() - 2 * MARGIN;
        float y = cell.getUpperRightY() - MARGIN;
        if (perPage > 1) {
            content.setLineDashPattern(new float[] {4, 4}, 0);
            content.setLineWidth(0.5f);
            content.addRect(cell.getLowerLeftX() + 6, cell.getLowerLeftY() + 6, cell.getWidth() - 12,
                    cell.getHeight() - 12);
            content.stroke();
            content.setLineDashPattern(new float[] {}, 0);
        }
        Writer w = new Writer(content, left, width, scale);
        y = w.line(f.bold(), 20, "Fiche de connexion à l'ENT", y);
        y = w.wrapped(f.regular(), 11, heading.school() + " — classe " + heading.className() + " — "
                + heading.schoolYear(), y - 4);
        y = w.wrapped(f.bold(), 17, sheet.person(), y - 14);
        for (String about : sheet.about()) {
            y = w.wrapped(f.regular(), 11, about, y);
        }
        y -= 12 * scale;
        y = w.line(f.regular(), 12, "Identifiant :", y);
        y = w.line(f.mono(), 18, sheet.login(), y);
        y = w.line(f.regular(), 12, "Mot de passe :", y - 4);
        y = w.line(f.mono(), 18, sheet.password(), y);
        y = w.line(f.regular(), 12, "Adresse de l'ENT :", y - 4);
        y = w.line(f.mono(), 12, heading.entUrl(), y);
        y -= 12 * scale;
        y = w.line(f.bold(), 12, "Première connexion", y);
        List<String> guide = heading.parents()
                ? List.of("1. Ouvrez l'adresse de l'ENT dans un navigateur, sur un ordinateur, une tablette ou un "
                        + "téléphone.", "2. Saisissez votre identifiant et votre mot de passe, puis « Se connecter ».",
                        "3. Gardez cette fiche en lieu sûr : ce mot de passe n'est écrit nulle part ailleurs. Si vous "
                                + "le perdez, l'enseignant ou le directeur peut vous en donner un nouveau.")
                : List.of("1. Ouvre l'adresse de l'ENT dans le navigateur.",
                        "2. Écris ton identifiant et ton mot de passe, puis clique sur « Se connecter ».",
                        "3. Garde cette fiche bien rangée : ton mot de passe est secret, ne le donne qu'à tes parents.",
                        "Si tu n'y arrives pas, demande à ton enseignant.");
        for (String step : guide) {
            y = w.wrapped(f.regular(), 11, step, y);
        }
    }

    /** Lines of text from the top of a sheet down, in the sheet's scale. */
    private record Writer(PDPageContentStream content, float left, float width, float scale) {

        float line(PDFont font, float size, String text, float y) throws IOException {
            float s = size * scale;
            float baseline = y - s;
            content.beginText();
            content.setFont(font, s);
            content.newLineAtOffset(left, baseline);
            content.showText(printable(font, text));
            content.endText();
            return baseline - s * 0.35f;
        }

        float wrapped(PDFont font, float size, String text, float y) throws IOException {
            for (String line : wrap(font, size * scale, printable(font, text))) {
                y = line(font, size, line, y);
            }
            return y;
        }

        private List<String> wrap(PDFont font, float size, String text) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
                    lines.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(candidate);
                }
            }
            lines.add(line.toString());
            return lines;
        }

        /** The text as the font can print it: a letter it lacks is spelt without its accent, else replaced. */
        private String printable(PDFont font, String text) throws IOException {
            String clean = text.replaceAll("\\p{Cntrl}", " ");
            try {
                font.encode(clean);
                return clean;
            } catch (IllegalArgumentException | IOException lacking) {
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < clean.length(); ) {
                    int cp = clean.codePointAt(i);
                    String c = new String(Character.toChars(cp));
                    out.append(encodable(font, c) ? c : folded(font, c));
                    i += Character.charCount(cp);
                }
                return out.toString();
            }
        }

        private static boolean encodable(PDFont font, String c) {
            try {
                font.encode(c);
                return true;
            } catch (IllegalArgumentException | IOException e) {
                return false;
            }
        }

        private static String folded(PDFont font, String c) {
            String f = Normalizer.normalize(c, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            return !f.isEmpty() && encodable(font, f) ? f : "?";
        }
    }
}
