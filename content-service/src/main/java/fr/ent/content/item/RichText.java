package fr.ent.content.item;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Rich text of the applications (an article, a page, a homework entry) is sanitised on the way in by jsoup's
 * allow-list cleaner: text formatting, lists, tables, links and images stay; scripts, event handlers, styles,
 * frames and {@code javascript:} URLs go. What is stored is what any page may show.
 */
public final class RichText {

    private static final Safelist ALLOWED = Safelist.relaxed()
            .addProtocols("a", "href", "http", "https", "mailto")
            .addProtocols("img", "src", "http", "https")
            .addAttributes("a", "rel")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow");

    private RichText() {
    }

    /** The HTML with only what the allow-list keeps; null stays null. */
    public static String sanitise(String html) {
        if (html == null) {
            return null;
        }
        Document.OutputSettings compact = new Document.OutputSettings().prettyPrint(false);
        return Jsoup.clean(html, "", ALLOWED, compact);
    }

    /** The text of sanitised HTML, paragraphs and line breaks kept as new lines. */
    public static String text(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document document = Jsoup.parseBodyFragment(html);
        document.select("br").after("\n");
        document.select("p, div, li, h1, h2, h3, h4, h5, h6, tr, blockquote").after("\n");
        return document.wholeText().replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll(" *\n *", "\n")
                .replaceAll("\n{3,}", "\n\n").strip();
    }
}
