package fr.ent.demo;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ent.contracts.SchoolYear;
import fr.ent.demo.DemoReport.MatrixRow;
import fr.ent.onde.generator.GeneratorSettings;
import fr.ent.onde.generator.OndeExportGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The rentrée told from end to end through the services' public APIs, with the demo logins' real tokens: an académie
 * generated and imported, a teacher choosing classes and writing in every application of a class space, the
 * rectorat scheduling the switchover, its progress followed, the new year's export imported, the directeur told,
 * the teacher choosing the new class and recovering last year's blog and media, the connection sheets written — and
 * the table of what became of every application's items.
 */
public final class DemoStory {

    static final String RECTORAT = "rectorat.demo";
    static final String DIRECTEUR = "directeur.demo";
    static final String TEACHER = "enseignant.demo";
    static final String PUPIL = "eleve.demo";
    static final String OPERATOR = "operateur.demo";
    /** Items the teacher writes per application: enough to count, few enough to read. */
    private static final int ITEMS_PER_APPLICATION = 2;

    private final DemoSettings settings;
    private final Api api;
    private final PrintStream out;
    private final Map<String, Double> timings = new LinkedHashMap<>();
    private final String uai = GeneratorSettings.DEMO_UAI;

    public DemoStory(DemoSettings settings, PrintStream out) {
        this.settings = settings;
        this.api = new Api(settings);
        this.out = out;
    }

    public DemoReport run() throws IOException {
        SchoolYear from = SchoolYear.parse(settings.fromYear());
        SchoolYear to = from.next();
        step("1", "An académie of " + settings.pupils() + " pupils (académie " + settings.academyCode() + ", " + from
                + "), generated");
        List<OndeExportGenerator.Export> exports = generate(from);

        step("2", "The rectorat imports the " + from + " export");
        importExport(exports.get(0).folder(), from);

        step("3", "Teachers choose their classes (" + TEACHER + ": the class of " + PUPIL + ")");
        String oldClass = pupilClass(from);
        choose(TEACHER, oldClass);
        JsonNode oldSpace = awaitTeacherSpace(from, oldClass);
        out.printf("    %s teaches %s %s (space %s)%n", TEACHER, oldClass, oldSpace.get("name").asText(),
                oldSpace.get("id").asText());

        step("4", "Content in every application of the class space; the teacher backs up its media");
        Map<String, Character> fates = classFates();
        String spaceId = oldSpace.get("id").asText();
        Map<String, Integer> before = new LinkedHashMap<>();
        // The media library's files first (real bytes, in the blob store); the first blog article shows the first.
        List<String> photos = new ArrayList<>();
        for (int i = 1; i <= ITEMS_PER_APPLICATION; i++) {
            photos.add(api.upload(TEACHER, content("/api/spaces/" + spaceId + "/media/files"), "file",
                    Samples.photo(settings.out(), i), "image/png", 201).get("id").asText());
        }
        for (String application : fates.keySet()) {
            for (int i = 1; i <= ITEMS_PER_APPLICATION && !application.equals("MEDIATHEQUE"); i++) {
                Map<String, Object> item = Samples.item(application, i);
                if (application.equals("BLOG")) {
                    item.put("data", Map.of("category", i == 1 ? "Sorties" : "Fêtes", "images", List.of(photos.get(
                            i - 1))));
                }
                api.post(TEACHER, content("/api/spaces/" + spaceId + "/items"), item, 201);
            }
            before.put(application, api.get(TEACHER, content("/api/spaces/" + spaceId + "/items?application="
                    + application)).size());
        }
        out.printf("    %d items in %d applications%n", before.values().stream().mapToInt(Integer::intValue).sum(),
                before.size());
        Path blog = api.getFile(PUPIL, content("/api/spaces/" + spaceId + "/blog/pdf"),
                Files.createDirectories(settings.out()).resolve("blog-" + oldClass + ".pdf"));
        out.printf("    the class blog as a PDF (%s reads it): %s, %,d bytes%n", PUPIL, blog, Files.size(blog));
        int foundBefore = api.get(PUPIL, content("/api/search?q=jardin")).get("hits").size();
        out.printf("    %s searches \"jardin\": %d found%n", PUPIL, foundBefore);
        Map<String, Map<Character, Integer>> preview = preview(from, spaceId);
        String personalId = backUpMedia(spaceId);
        int personalBefore = personalMedia(personalId);

        step("5", "The rectorat schedules the switchover " + from + " → " + to + " in "
                + settings.switchAfter().toSeconds() + " s");
        Instant at = Instant.now().plus(settings.switchAfter());
        JsonNode switchover = api.post(RECTORAT, settings.services().rollover() + "/api/switchovers", Map.of(
                "academyCode", settings.academyCode(), "fromYear", from.toString(), "toYear", to.toString(),
                "at", at.toString()), 201);
        String switchoverId = switchover.get("id").asText();
        out.printf("    switchover %s %s for %s%n", switchoverId, switchover.get("status").asText(), at);
        List<String> reminders = reminders(from);
        JsonNode report = followSwitchover(switchoverId);

        step("6", "Last year's class space after the switchover");
        int closed = api.status(TEACHER, content("/api/spaces/" + spaceId + "/items"));
        out.printf("    GET its items: %d%s%n", closed, closed == 410 ? " (closed: what was archived is in recovery)" : "");
        int foundAfter = api.get(PUPIL, content("/api/search?q=jardin")).get("hits").size();
        out.printf("    %s searches \"jardin\" again: %d found (the closed class is not searched)%n", PUPIL, foundAfter);
        Map<String, List<String>> archived = archivedFrom(oldClass);
        int personalAfter = personalMedia(personalId);
        out.printf("    %s's personal space still has the %d media files she backed up%n", TEACHER, personalAfter);

        step("7", "The rectorat imports the " + to + " export");
        importExport(exports.get(2).folder(), to);
        report = followNewYear(switchoverId, report);

        step("8", "Directeurs' notifications");
        List<String> notifications = awaitNotification(to);

        step("9", TEACHER + " chooses a class of " + to + " and recovers last year's blog and media");
        String newClass = otherClass(pupilClass(to));
        choose(TEACHER, newClass);
        JsonNode newSpace = awaitTeacherSpace(to, newClass);
        List<String> selection = new ArrayList<>();
        selection.addAll(archived.getOrDefault("BLOG", List.of()));
        selection.addAll(archived.getOrDefault("MEDIATHEQUE", List.of()));
        JsonNode recoveredAnswer = api.post(TEACHER, content("/api/me/recovery"), Map.of("spaceId",
                newSpace.get("id").asText(), "items", selection), 200);
        Map<String, Integer> recovered = new LinkedHashMap<>();
        for (String application : fates.keySet()) {
            int count = api.get(TEACHER, content("/api/spaces/" + newSpace.get("id").asText() + "/items?application="
                    + application)).size();
            if (count > 0) {
                recovered.put(application, count);
            }
        }
        out.printf("    %d items recovered into %s %s: %s%n", recoveredAnswer.get("recovered").asInt(), newClass,
                newSpace.get("name").asText(), recovered);
        JsonNode recoveredPhoto = api.get(TEACHER, content("/api/spaces/" + newSpace.get("id").asText() + "/media"))
                .get(0);
        Path photo = api.getFile(TEACHER, content("/api/spaces/" + newSpace.get("id").asText() + "/media/files/"
                + recoveredPhoto.get("id").asText() + "/content"), settings.out().resolve("recovered-"
                + recoveredPhoto.get("title").asText()));
        boolean sameBytes = java.util.Arrays.equals(Files.readAllBytes(photo), Files.readAllBytes(settings.out()
                .resolve(recoveredPhoto.get("title").asText())));
        out.printf("    the recovered %s: %,d bytes, %s%n", recoveredPhoto.get("title").asText(), Files.size(photo),
                sameBytes ? "the same bytes as uploaded (one blob, shared)" : "NOT the bytes uploaded");

        step("10", "Connection sheets of the new class, for pupils and parents");
        List<Path> sheets = sheets(to, newClass);

        step("11", "What operators and the mail sink saw");
        Map<String, Long> operations = operations();
        List<String> mails = new ArrayList<>();
        mails.addAll(inbox("directeur.demo@ac-demo.fr"));
        mails.addAll(inbox("enseignant.demo@ac-demo.fr"));

        List<MatrixRow> rows = new ArrayList<>();
        fates.forEach((application, fate) -> rows.add(new MatrixRow(application, "CLASS", fate,
                before.get(application), preview.getOrDefault(application, Map.of()), 0 /* the space is closed */,
                archived.getOrDefault(application, List.of()).size(), recovered.getOrDefault(application, 0))));
        rows.add(new MatrixRow("MEDIATHEQUE", "PERSONAL", personalFate(), personalBefore, null, personalAfter, 0, 0));
        if (closed != 410) {
            throw new IllegalStateException("last year's class space answered " + closed + " after the switchover, "
                    + "not 410");
        }
        timings(report);
        return new DemoReport(rows, notifications, recovered, sheets, timings, reminders, mails, operations, blog,
                foundBefore, foundAfter, sameBytes);
    }

    /** CNT-3: the teacher copies the class's media files into a folder of her personal space before the switchover. */
    private String backUpMedia(String spaceId) {
        List<String> media = new ArrayList<>();
        api.get(TEACHER, content("/api/spaces/" + spaceId + "/items?application=MEDIATHEQUE"))
                .forEach(i -> media.add(i.get("id").asText()));
        JsonNode backup = api.post(TEACHER, content("/api/me/backup"), Map.of("spaceId", spaceId, "items", media), 200);
        out.printf("    %s backed up %d media files into her personal space, folder \"%s\"%n", TEACHER,
                backup.get("copied").asInt(), backup.get("folder").asText());
        return backup.get("personalSpaceId").asText();
    }

    private int personalMedia(String personalId) {
        int files = 0;
        for (JsonNode item : api.get(TEACHER, content("/api/spaces/" + personalId + "/items?application=MEDIATHEQUE"))) {
            files += "folder".equals(item.path("data").path("kind").asText()) ? 0 : 1; // the backup's folder aside
        }
        return files;
    }

    private char personalFate() {
        return letter(api.get(TEACHER, content("/api/retention-matrix")).get("MEDIATHEQUE").get("PERSONAL").asText());
    }

    /** The teacher's reminder of the backup deadline (CNT-5), which the scheduled switchover brings at once. */
    private List<String> reminders(SchoolYear from) {
        List<String> seen = await("the teachers' backup reminder", () -> {
            List<String> found = new ArrayList<>();
            for (JsonNode n : api.get(TEACHER, settings.services().rollover() + "/api/me/notifications")) {
                if (n.get("kind").asText().startsWith("BACKUP_REMINDER") && from.toString().equals(
                        n.get("schoolYear").asText())) {
                    found.add(n.get("kind").asText() + ": " + n.get("title").asText() + " — " + n.get("message").asText());
                }
            }
            return found.isEmpty() ? Optional.empty() : Optional.of(found);
        });
        seen.forEach(r -> out.printf("    %s sees %s%n", TEACHER, r));
        return seen;
    }

    /** The operators' overview: each consumer group's lag (records left to read) and the dead letters waiting. */
    private Map<String, Long> operations() {
        JsonNode overview = api.get(OPERATOR, settings.services().rollover() + "/api/operations/overview");
        Map<String, Long> figures = new LinkedHashMap<>();
        JsonNode kafka = overview.get("kafka");
        figures.put("topics", (long) kafka.get("topics").size());
        long lag = 0;
        for (JsonNode group : kafka.get("groups")) {
            lag += group.get("lag").asLong();
        }
        figures.put("consumer groups", (long) kafka.get("groups").size());
        figures.put("records left to read", lag);
        long dead = 0;
        for (JsonNode service : kafka.get("deadLetters")) {
            dead += service.get("total").asLong();
        }
        figures.put("dead letters", dead);
        figures.put("open switchovers", (long) overview.get("openSwitchovers").size());
        figures.put("open imports", overview.get("openImports").isNull() ? -1L : overview.get("openImports").size());
        out.printf("    operators' overview (%s): %s%n", OPERATOR, figures);
        return figures;
    }

    /** The subjects of the mails the local mail sink holds for an address (none when it has no inbox yet). */
    private List<String> inbox(String address) {
        List<String> subjects = new ArrayList<>();
        try {
            api.getWithoutToken(settings.mailApi() + "/api/user/" + address + "/messages/INBOX")
                    .ifPresent(mails -> mails.forEach(m -> subjects.add(address + ": " + m.get("subject").asText())));
        } catch (java.io.UncheckedIOException e) {
            out.printf("    the mail sink at %s did not answer: %s%n", settings.mailApi(), e.getMessage());
        }
        subjects.forEach(m -> out.printf("    mail to %s%n", m));
        return subjects;
    }

    private List<OndeExportGenerator.Export> generate(SchoolYear from) throws IOException {
        GeneratorSettings defaults = GeneratorSettings.defaults(settings.seed(), settings.pupils());
        GeneratorSettings generator = new GeneratorSettings(settings.seed(), settings.pupils(), settings.academyCode(),
                defaults.academyName(), from, defaults.failureShare(), defaults.partSize(), true);
        Path folder = settings.out().resolve("exports");
        List<OndeExportGenerator.Export> exports = new OndeExportGenerator(generator).generateAll(folder);
        for (OndeExportGenerator.Export export : exports) {
            OndeExportGenerator.zip(export.folder());
        }
        OndeExportGenerator.Export first = exports.get(0);
        out.printf("    %d schools, %d classes, %,d pupils, %,d responsables, %,d staff, in %s%n", first.schools(),
                first.classes(), first.pupils(), first.responsables(), first.staff(), folder);
        return exports;
    }

    /** Uploads a complete export and follows it until ONDE's changes are published, then until the demo school is ready. */
    private void importExport(Path folder, SchoolYear year) {
        Path zip = folder.resolveSibling(folder.getFileName() + ".zip");
        long start = System.nanoTime();
        JsonNode accepted = api.upload(RECTORAT, settings.services().ondeSync() + "/api/imports", "export", zip, 202);
        String id = accepted.get("id").asText();
        ProgressLine line = new ProgressLine(out, settings.live(), "import " + year);
        JsonNode status = await("the import of " + zip.getFileName(), () -> {
            JsonNode s = api.get(RECTORAT, settings.services().ondeSync() + "/api/imports/" + id + "?schools=false");
            JsonNode progress = s.get("progress");
            line.show(progress == null ? 0 : progress.get("percent").asDouble(), s.get("phase").asText(),
                    progress == null || progress.get("estimatedSecondsLeft").isNull() ? null
                            : progress.get("estimatedSecondsLeft").asLong());
            String state = s.get("status").asText();
            if (List.of("REFUSED", "FAILED", "HELD", "DISCARDED").contains(state)) {
                throw new IllegalStateException("the import " + id + " is " + state + ": " + s.path("error").asText(
                        s.get("phase").asText()));
            }
            return state.equals("COMPLETED") ? Optional.of(s) : Optional.empty();
        });
        line.done();
        timings.put("import " + year + " published", seconds(start));
        out.printf("    import %s COMPLETED: %s%n", id, status.get("phase").asText());
        awaitReady(year);
        timings.put("import " + year + " applied (demo school ready)", seconds(start));
    }

    /** rollover-service's notice to the directeur: every participant applied the year's import for the school. */
    private void awaitReady(SchoolYear year) {
        JsonNode ready = await("every service to apply the " + year + " import for " + uai,
                () -> notificationOf(year));
        out.printf("    every service applied it for %s: \"%s\"%n", uai, ready.get("message").asText());
    }

    private Optional<JsonNode> notificationOf(SchoolYear year) {
        for (JsonNode n : api.get(DIRECTEUR, settings.services().rollover() + "/api/me/notifications")) {
            if (uai.equals(n.get("uai").asText()) && year.toString().equals(n.get("schoolYear").asText())) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    private List<String> awaitNotification(SchoolYear year) {
        await("the directeur's notification for " + year, () -> notificationOf(year));
        List<String> seen = new ArrayList<>();
        for (JsonNode n : api.get(DIRECTEUR, settings.services().rollover() + "/api/me/notifications")) {
            String line = n.get("schoolYear").asText() + " " + n.get("title").asText() + " — " + n.get("message").asText();
            seen.add(line);
            out.printf("    %s %s%n", n.get("read").asBoolean() ? " " : "•", line);
        }
        return seen;
    }

    /** The class the demo pupil is in this year, as they see it. */
    private String pupilClass(SchoolYear year) {
        return await(PUPIL + "'s class of " + year, () -> {
            for (JsonNode c : api.get(PUPIL, classes("/api/me/classes"))) {
                if (year.toString().equals(c.get("details").get("schoolYear").asText())) {
                    return Optional.of(c.get("details").get("classId").asText());
                }
            }
            return Optional.empty();
        });
    }

    /** A class of the teacher's class choice other than {@code not} (the demo pupil's: their password stays). */
    private String otherClass(String not) {
        JsonNode choice = api.get(TEACHER, classes("/api/me/class-choice"));
        for (JsonNode school : choice.get("schools")) {
            for (JsonNode c : school.get("classes")) {
                if (!c.get("classId").asText().equals(not)) {
                    return c.get("classId").asText();
                }
            }
        }
        throw new IllegalStateException("the school " + uai + " has no class but " + not);
    }

    private void choose(String teacher, String classId) {
        JsonNode choice = api.post(teacher, classes("/api/me/classes"), Map.of("uai", uai, "classIds",
                List.of(classId)), 200);
        List<String> chosen = new ArrayList<>();
        choice.path("chosen").forEach(c -> chosen.add(c.get("classId").asText() + " " + c.get("name").asText()));
        out.printf("    %s chose %s%n", teacher, chosen.isEmpty() ? classId : String.join(", ", chosen));
    }

    /** The class space once content-service has the teacher in it (class-service's teacher-assigned). */
    private JsonNode awaitTeacherSpace(SchoolYear year, String classId) {
        return await("content-service to make " + TEACHER + " a teacher of " + classId, () -> {
            for (JsonNode m : api.get(TEACHER, content("/api/me/spaces"))) {
                JsonNode space = m.get("space");
                if (classId.equals(space.get("ref").asText()) && year.toString().equals(space.get("schoolYear").asText())
                        && m.get("roles").toString().contains("TEACHER")) {
                    return Optional.of(space);
                }
            }
            return Optional.empty();
        });
    }

    /** The applications a class space has, with their fate letter (K, R, D), from the published matrix. */
    private Map<String, Character> classFates() {
        Map<String, Character> fates = new LinkedHashMap<>();
        api.get(TEACHER, content("/api/retention-matrix")).fields().forEachRemaining(e -> {
            JsonNode fate = e.getValue().get("CLASS");
            if (fate != null) {
                fates.put(e.getKey(), letter(fate.asText()));
            }
        });
        return fates;
    }

    private static char letter(String fate) {
        return switch (fate) {
            case "KEEP" -> 'K';
            case "ARCHIVE" -> 'R';
            case "DELETE" -> 'D';
            default -> throw new IllegalStateException("unknown fate " + fate);
        };
    }

    /** The teacher's preview of the switchover for the class: per application, how many items each fate. */
    private Map<String, Map<Character, Integer>> preview(SchoolYear from, String spaceId) {
        Map<String, Map<Character, Integer>> counts = new LinkedHashMap<>();
        for (JsonNode p : api.get(TEACHER, content("/api/me/switchover-preview?fromYear=" + from))) {
            if (spaceId.equals(p.get("space").get("id").asText())) {
                p.get("counts").fields().forEachRemaining(e -> counts.put(e.getKey(), Map.of(
                        'K', e.getValue().get("kept").asInt(), 'R', e.getValue().get("archived").asInt(),
                        'D', e.getValue().get("deleted").asInt())));
            }
        }
        return counts;
    }

    private JsonNode followSwitchover(String id) {
        ProgressLine line = new ProgressLine(out, settings.live(), "switchover");
        JsonNode report = await("the switchover " + id + " to complete", () -> {
            JsonNode r = switchoverReport(id);
            Long left = null;
            StringBuilder phases = new StringBuilder(r.get("status").asText());
            for (JsonNode phase : r.get("phases")) {
                phases.append(" · ").append(phase.get("participant").asText().replace("-service", "")).append(' ')
                        .append(phase.get("schoolsDone").asInt()).append('/').append(phase.get("schoolsTotal").asInt());
                if (!phase.get("estimatedSecondsLeft").isNull()) {
                    left = Math.max(left == null ? 0 : left, phase.get("estimatedSecondsLeft").asLong());
                }
                if ("STUCK".equals(phase.get("state").asText())) {
                    phases.append(" STUCK");
                }
            }
            JsonNode held = r.get("startHeldBy");
            if (held != null && !held.isNull() && held.size() > 0) {
                phases.append(" · due, waits for the last import: ");
                held.fields().forEachRemaining(e -> phases.append(e.getKey().replace("-service", "")).append(' ')
                        .append(e.getValue().asInt()).append(" schools left "));
            }
            line.show(r.get("percent").asDouble(), phases.toString().trim(), left);
            return "COMPLETED".equals(r.get("status").asText()) ? Optional.of(r) : Optional.empty();
        });
        line.done();
        out.printf("    started %s, completed %s%n", report.get("startedAt").asText(), report.get("completedAt").asText());
        return report;
    }

    private JsonNode followNewYear(String id, JsonNode report) {
        ProgressLine line = new ProgressLine(out, settings.live(), "schools ready");
        JsonNode done = await("every school to be ready for the new year", () -> {
            JsonNode r = switchoverReport(id);
            JsonNode phase = r.get("newYearImport");
            double percent = phase.get("schoolsTotal").asInt() == 0 ? 100
                    : 100.0 * phase.get("schoolsDone").asInt() / phase.get("schoolsTotal").asInt();
            line.show(percent, phase.get("schoolsDone").asInt() + "/" + phase.get("schoolsTotal").asInt()
                    + " schools ready", phase.get("estimatedSecondsLeft").isNull() ? null
                    : phase.get("estimatedSecondsLeft").asLong());
            return "DONE".equals(phase.get("state").asText()) ? Optional.of(r) : Optional.empty();
        });
        line.done();
        return done;
    }

    private JsonNode switchoverReport(String id) {
        return api.get(RECTORAT, settings.services().rollover() + "/api/switchovers/" + id + "?schools=false");
    }

    /** What the switchover archived for the teacher from last year's class, by application: the items' ids. */
    private Map<String, List<String>> archivedFrom(String classId) {
        Map<String, List<String>> archived = new LinkedHashMap<>();
        api.get(TEACHER, content("/api/me/recovery")).get("applications").fields().forEachRemaining(e -> {
            for (JsonNode item : e.getValue().get("items")) {
                if (classId.equals(item.get("classId").asText())) {
                    archived.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(item.get("id").asText());
                }
            }
        });
        out.printf("    archived for %s: %s%n", TEACHER, archived.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().size()).toList());
        return archived;
    }

    private List<Path> sheets(SchoolYear year, String classId) throws IOException {
        Path folder = Files.createDirectories(settings.out().resolve("connection-sheets"));
        List<Path> written = new ArrayList<>();
        for (String audience : List.of("pupils", "parents")) {
            Path target = folder.resolve(uai + "-" + classId + "-" + audience + ".pdf");
            long start = System.nanoTime();
            api.postForFile(TEACHER, settings.services().identity() + "/api/classes/" + uai + "/" + year + "/" + classId
                    + "/connection-sheets?audience=" + audience + "&perPage=" + (audience.equals("pupils") ? 2 : 4),
                    target);
            out.printf("    %s (%,d bytes, %.1f s)%n", target, Files.size(target), seconds(start));
            written.add(target);
        }
        return written;
    }

    /** Trigger to every school ready, per phase, from the switchover's own report. */
    private void timings(JsonNode report) {
        Instant started = Instant.parse(report.get("startedAt").asText());
        for (JsonNode phase : report.get("phases")) {
            if (!phase.get("elapsedSeconds").isNull()) {
                timings.put("switchover: " + phase.get("participant").asText(), phase.get("elapsedSeconds").asDouble());
            }
        }
        JsonNode ready = report.get("newYearImport");
        if (!ready.get("lastProgressAt").isNull()) {
            timings.put("trigger → every school ready for " + report.get("toYear").asText(),
                    Duration.between(started, Instant.parse(ready.get("lastProgressAt").asText())).toMillis() / 1000.0);
        }
    }

    /** Asks until the answer is there, within the demo's limit for one step; says what it waited for if not. */
    private <T> T await(String what, Supplier<Optional<T>> ask) {
        long deadline = System.nanoTime() + settings.within().toNanos();
        while (true) {
            Optional<T> answer = ask.get();
            if (answer.isPresent()) {
                return answer.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what + " after " + settings.within().toSeconds()
                        + " s");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private void step(String number, String title) {
        out.printf("%n%s. %s%n", number, title);
    }

    private String content(String path) {
        return settings.services().content() + path;
    }

    private String classes(String path) {
        return settings.services().classes() + path;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
