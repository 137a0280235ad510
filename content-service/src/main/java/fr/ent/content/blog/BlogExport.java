package fr.ent.content.blog;

import fr.ent.content.item.Item;
import fr.ent.content.item.Items;
import fr.ent.content.media.Blobs;
import fr.ent.content.retention.Application;
import fr.ent.content.space.Space;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * A space's blog read for export: its categories, and its articles written page after page (keyset pages of
 * {@value #PAGE}, whatever the blog's size) into a {@link BlogPdf} with their images from the space's media library.
 */
@ApplicationScoped
public class BlogExport {

    private static final Logger LOG = Logger.getLogger(BlogExport.class);
    private static final int PAGE = 200;
    private static final Pattern MEDIA_URL = Pattern.compile("/media/files/([0-9a-f-]{36})/content");

    public record Category(String name, int articles) {
    }

    private final Items items;
    private final Blobs blobs;

    public BlogExport(Items items, Blobs blobs) {
        this.items = items;
        this.blobs = blobs;
    }

    public List<Category> categories(UUID spaceId) {
        return items.blogCategories(spaceId).stream().map(e -> new Category(e.getKey(), e.getValue())).toList();
    }

    /** The whole blog, or one category of it, as a PDF written to {@code out}. */
    public void write(Space space, String category, OutputStream out) throws IOException {
        long start = System.nanoTime();
        try (BlogPdf pdf = new BlogPdf(space.name() == null ? "Blog" : "Blog — " + space.name(), category,
                images(space.id()))) {
            Instant after = null;
            UUID afterId = null;
            while (true) {
                List<Item> page = items.page(space.id(), Application.BLOG, after, afterId, PAGE);
                for (Item article : page) {
                    if (category == null || (article.data() != null
                            && category.equals(article.data().path("category").asText(null)))) {
                        pdf.article(article);
                    }
                }
                if (page.size() < PAGE) {
                    break;
                }
                after = page.get(page.size() - 1).createdAt();
                afterId = page.get(page.size() - 1).id();
            }
            pdf.writeTo(out);
            LOG.infof("blog PDF of space %s%s: %d articles, %d pages, %.1f s", space.id(),
                    category == null ? "" : " (" + category + ")", pdf.articles(), pdf.pages(),
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /** An article's images: its data's media file ids, then those its text points at, files of the same space. */
    private BlogPdf.Images images(UUID spaceId) {
        return new BlogPdf.Images() {
            @Override
            public List<String> of(Item article) {
                Set<UUID> ids = new LinkedHashSet<>();
                if (article.data() != null && article.data().path("images").isArray()) {
                    article.data().get("images").forEach(id -> uuid(id.asText(), ids));
                }
                if (article.body() != null) {
                    Matcher m = MEDIA_URL.matcher(article.body());
                    while (m.find()) {
                        uuid(m.group(1), ids);
                    }
                }
                List<String> keys = new ArrayList<>();
                for (UUID id : ids) {
                    items.blobOf(spaceId, id).ifPresent(keys::add);
                }
                return keys;
            }

            @Override
            public byte[] bytes(String key) throws IOException {
                try (InputStream in = blobs.open(key)) {
                    return in.readAllBytes();
                }
            }
        };
    }

    private static void uuid(String text, Set<UUID> into) {
        try {
            into.add(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            // not a media file id: nothing to show
        }
    }
}
