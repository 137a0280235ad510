package fr.ent.identity.sheet;

import fr.ent.identity.account.Account;
import fr.ent.identity.account.Accounts;
import fr.ent.identity.account.State;
import fr.ent.identity.config.IdentityConfig;
import fr.ent.identity.keycloak.KeycloakUsers;
import fr.ent.identity.onde.IdentitySchools;
import fr.ent.identity.onde.Memberships;
import fr.ent.support.rest.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;

/**
 * IDN-4, IDN-5, IDN-6: a class's connection sheets in one operation. Everybody on them gets a new password; those who
 * already had one keep their login (a login never changes), those who never had one get their Keycloak user and
 * first password now. Passwords go to Keycloak, which keeps only their hash, and into the PDF — nowhere else: not in
 * a database, a log or an event.
 */
@ApplicationScoped
public class ConnectionSheets {

    private static final Logger LOG = Logger.getLogger(ConnectionSheets.class);

    /** The sheets made: the PDF, and what was recorded of them. */
    public record Made(byte[] pdf, SheetBatches.Batch batch) {
    }

    private final Accounts accounts;
    private final Memberships memberships;
    private final IdentitySchools schools;
    private final KeycloakUsers keycloak;
    private final SheetBatches batches;
    private final IdentityConfig config;
    private final ExecutorService calls;
    private final SheetPdf pdf;

    public ConnectionSheets(Accounts accounts, Memberships memberships, IdentitySchools schools, KeycloakUsers keycloak,
            SheetBatches batches, IdentityConfig config) {
        this.accounts = accounts;
        this.memberships = memberships;
        this.schools = schools;
        this.keycloak = keycloak;
        this.batches = batches;
        this.config = config;
        this.calls = Executors.newFixedThreadPool(config.keycloak().parallelCalls(),
                r -> new Thread(r, "connection-sheet-keycloak"));
        this.pdf = new SheetPdf(Path.of(config.sheets().fonts()));
    }

    @PreDestroy
    void close() {
        calls.shutdownNow();
    }

    public Made make(String madeBy, String uai, String schoolYear, String classId, Audience audience, int perPage) {
        String className = memberships.className(uai, schoolYear, classId).orElseThrow(() -> new ProblemException(404,
                "classId", "ONDE has no class " + classId + " of " + schoolYear + " at school " + uai));
        Map<String, List<String>> children = new HashMap<>();
        List<String> ids;
        if (audience == Audience.PUPILS) {
            ids = memberships.pupilsOf(uai, schoolYear, classId);
        } else {
            memberships.responsablesOf(uai, schoolYear, classId).forEach(p -> children.put(p.personId(), p.children()));
            ids = new ArrayList<>(children.keySet());
        }
        List<Account> people = accounts.all(ids).stream().filter(a -> a.state() == State.ACTIVE)
                .sorted(Comparator.comparing((Account a) -> nullToEmpty(a.lastName()))
                        .thenComparing(a -> nullToEmpty(a.firstName())).thenComparing(Account::login))
                .toList();
        if (people.isEmpty()) {
            throw new ProblemException(409, "audience", "class " + className + " has no " + (audience == Audience.PUPILS
                    ? "pupil" : "parent") + " with an active account: nobody to make a sheet for");
        }
        if (people.size() > config.sheets().maxPersons()) {
            throw new ProblemException(409, "audience", people.size() + " people in one class is more than the "
                    + config.sheets().maxPersons() + " sheets one request makes (ent.identity.sheets.max-persons)");
        }
        Map<String, String> names = new HashMap<>();
        if (audience == Audience.PARENTS) {
            List<String> pupils = children.values().stream().flatMap(List::stream).distinct().toList();
            accounts.all(pupils).forEach(p -> names.put(p.personId(), fullName(p)));
        }
        // Keycloak takes the passwords first: the PDF is written only once it has taken them all. (Writing it
        // meanwhile was tried: on two cores it only slows Keycloak's hashing down.)
        List<String> passwords = people.stream().map(p -> Passwords.next()).toList();
        long start = System.nanoTime();
        setPasswords(people, passwords);
        double keycloakSeconds = (System.nanoTime() - start) / 1e9;
        List<SheetPdf.Sheet> sheets = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            Account person = people.get(i);
            List<String> about = audience == Audience.PARENTS ? List.of("Responsable de : " + String.join(", ",
                    children.get(person.personId()).stream().map(c -> names.getOrDefault(c, c)).toList())) : List.of();
            sheets.add(new SheetPdf.Sheet(fullName(person), person.login(), passwords.get(i), about));
        }
        String school = schools.name(uai).map(n -> n + " (" + uai + ")").orElse(uai);
        long pdfStart = System.nanoTime();
        byte[] document = pdf.write(new SheetPdf.Heading(school, className, schoolYear, config.sheets().entUrl(),
                audience == Audience.PARENTS), sheets, perPage);
        double pdfSeconds = (System.nanoTime() - pdfStart) / 1e9;
        int created = (int) people.stream().filter(p -> p.credentialAt() == null).count();
        SheetBatches.Batch batch = new SheetBatches.Batch(UUID.randomUUID(), madeBy, Instant.now(), uai, schoolYear,
                classId, audience, people.stream().map(Account::personId).toList(), created, people.size() - created);
        QuarkusTransaction.requiringNew().run(() -> {
            batches.record(batch);
            accounts.credentialsGiven(batch.persons());
        });
        LOG.infof("connection sheets %s: %s made %d %s sheets of class %s %s %s (%d first, %d renewed; Keycloak %.2f s, "
                + "PDF %.2f s)", batch.id(), madeBy, people.size(), audience, uai, schoolYear, classId,
                created, people.size() - created, keycloakSeconds, pdfSeconds);
        return new Made(document, batch);
    }

    /**
     * Each person's Keycloak user made if they have none, and their new password set, several at once (Keycloak
     * hashes each password: that is the cost). A failure stops the sheets: nobody gets a PDF that does not match
     * Keycloak.
     */
    private void setPasswords(List<Account> people, List<String> passwords) {
        List<Future<?>> pending = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            Account person = people.get(i);
            String password = passwords.get(i);
            pending.add(calls.submit(() -> {
                if (person.keycloakId() == null) {
                    accounts.keycloakUser(person.personId(), keycloak.createWithPassword(person, password));
                } else {
                    keycloak.setPassword(person.keycloakId(), password);
                }
            }));
        }
        try {
            for (Future<?> call : pending) {
                call.get();
            }
        } catch (ExecutionException e) {
            pending.forEach(f -> f.cancel(true));
            LOG.errorf(e.getCause(), "connection sheets stopped: Keycloak refused a user or a password");
            throw new ProblemException(503, null, "Keycloak did not take every password (" + e.getCause().getMessage()
                    + "); the sheets were not made, make them again");
        } catch (InterruptedException e) {
            pending.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new ProblemException(503, null, "interrupted while making the sheets; make them again");
        }
    }

    private static String fullName(Account a) {
        String first = nullToEmpty(a.firstName());
        String last = nullToEmpty(a.lastName()).toUpperCase(Locale.FRENCH);
        return (first + " " + last).trim();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
