package fr.ent.portal.teacher;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What content-service archived for the teacher ({@code GET /api/me/recovery}) laid out for the page: one group per
 * application with its count, each item once, media files under their folder (as deep as the tree goes).
 */
@TemplateData
public record Recoverable(int total, List<Group> groups) {

    @TemplateData
    public record Group(String application, int count, long bytes, List<Choice> items) {
    }

    /**
     * @param depth 0 at the top, 1 in a folder, …
     * @param parent the folder's id for an item in a folder that is listed too (the page checks a folder's content
     *               with it), else empty
     * @param recovered already recovered into a class at least once
     */
    @TemplateData
    public record Choice(String id, String title, String from, int depth, boolean folder, String parent, long size,
            boolean recovered) {
    }

    public static Recoverable of(JsonNode answer) {
        List<Group> groups = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> applications = answer.path("applications").fields();
        while (applications.hasNext()) {
            Map.Entry<String, JsonNode> application = applications.next();
            JsonNode group = application.getValue();
            List<JsonNode> items = new ArrayList<>();
            group.path("items").forEach(items::add);
            groups.add(new Group(application.getKey(), group.path("count").asInt(), group.path("bytes").asLong(),
                    application.getKey().equals("MEDIATHEQUE") ? tree(items) : flat(items)));
        }
        return new Recoverable(answer.path("total").asInt(), groups);
    }

    private static List<Choice> flat(List<JsonNode> items) {
        return items.stream().map(i -> choice(i, 0, "")).toList();
    }

    /**
     * Folders before their content, depth first; an item whose folder is not archived is at the top. An item's
     * {@code data.parent} names its folder's id of last year, {@code sourceItem}.
     */
    private static List<Choice> tree(List<JsonNode> items) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        items.forEach(i -> byId.put(i.path("sourceItem").asText(), i));
        Map<String, List<JsonNode>> children = new LinkedHashMap<>();
        List<JsonNode> top = new ArrayList<>();
        for (JsonNode item : items) {
            String parent = item.path("data").path("parent").asText(null);
            if (parent != null && byId.containsKey(parent)) {
                children.computeIfAbsent(parent, p -> new ArrayList<>()).add(item);
            } else {
                top.add(item);
            }
        }
        List<Choice> laid = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        top.sort((a, b) -> Boolean.compare(!isFolder(a), !isFolder(b)));
        for (JsonNode item : top) {
            walk(item, 0, "", children, laid, seen);
        }
        return laid;
    }

    private static void walk(JsonNode item, int depth, String parent, Map<String, List<JsonNode>> children,
            List<Choice> laid, Set<String> seen) {
        String id = item.path("id").asText();
        if (!seen.add(id)) {
            return;
        }
        laid.add(choice(item, depth, parent));
        for (JsonNode child : children.getOrDefault(item.path("sourceItem").asText(), List.of())) {
            walk(child, depth + 1, id, children, laid, seen);
        }
    }

    private static boolean isFolder(JsonNode item) {
        return "folder".equals(item.path("data").path("kind").asText());
    }

    private static Choice choice(JsonNode item, int depth, String parent) {
        String from = item.path("className").asText("") + " " + item.path("schoolYear").asText("");
        return new Choice(item.path("id").asText(), item.path("title").asText(""), from.trim(), depth, isFolder(item),
                parent, item.path("data").path("size").asLong(0), item.path("recoveredInto").size() > 0);
    }
}
