package fr.ent.portal.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoverableTest {

    /** content-service's answer: a file listed before its folder, a folder in a folder, a file whose folder is gone. */
    private static final String ANSWER = """
            {"total": 5, "applications": {
              "BLOG": {"count": 1, "bytes": 0, "items": [
                {"id": "b1", "sourceItem": "s-b1", "title": "Article", "data": null, "className": "CE1",
                 "schoolYear": "2017-2018", "recoveredInto": ["x"]}]},
              "MEDIATHEQUE": {"count": 4, "bytes": 300, "items": [
                {"id": "r-photo", "sourceItem": "s-photo", "title": "photo.png",
                 "data": {"kind": "file", "size": 100, "parent": "s-inner"}, "recoveredInto": []},
                {"id": "r-outer", "sourceItem": "s-outer", "title": "Sorties",
                 "data": {"kind": "folder", "parent": null}, "recoveredInto": []},
                {"id": "r-inner", "sourceItem": "s-inner", "title": "Musée",
                 "data": {"kind": "folder", "parent": "s-outer"}, "recoveredInto": []},
                {"id": "r-lost", "sourceItem": "s-lost", "title": "seul.png",
                 "data": {"kind": "file", "size": 200, "parent": "s-not-archived"}, "recoveredInto": []}]}}}
            """;

    @Test
    void mediaAreLaidOutAsTheirTreeWasEachUnderItsFolderAndTheRestAsListed() throws Exception {
        Recoverable recoverable = Recoverable.of(new ObjectMapper().readTree(ANSWER));
        assertEquals(5, recoverable.total());
        Recoverable.Group blog = recoverable.groups().get(0);
        assertEquals("BLOG", blog.application());
        assertEquals(List.of(new Recoverable.Choice("b1", "Article", "CE1 2017-2018", 0, false, "", 0, true)),
                blog.items());
        Recoverable.Group media = recoverable.groups().get(1);
        assertEquals(List.of("Sorties 0 ", "Musée 1 r-outer", "photo.png 2 r-inner", "seul.png 0 "),
                media.items().stream().map(c -> c.title() + " " + c.depth() + " " + c.parent()).toList());
        assertEquals(List.of(true, true, false, false), media.items().stream().map(Recoverable.Choice::folder)
                .toList());
    }
}
