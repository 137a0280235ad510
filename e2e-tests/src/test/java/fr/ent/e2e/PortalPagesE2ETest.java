package fr.ent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The stack's web portal in a real browser, signed in through the stack's Keycloak as each demo user: every screen
 * of their roles opens (in French, never an error page), passes axe-core with no serious or critical violation, and
 * is written as a screenshot; what a role may not open is a French 403 page; bad addresses are French 400 and 404
 * pages; every answer carries the security headers.
 */
class PortalPagesE2ETest {

    private static final Map<String, List<String>> SCREENS = Map.of(
            "enseignant.demo", List.of("/enseignant", "/enseignant/rentree", "/enseignant/rentree/recuperation",
                    "/enseignant/rentree/configuration", "/enseignant/bascule"),
            "directeur.demo", List.of("/directeur", "/directeur/rejets"),
            "rectorat.demo", List.of("/rectorat/imports", "/rectorat/bascules"),
            "parent.demo", List.of("/famille"),
            "eleve.demo", List.of("/famille"),
            "operateur.demo", List.of("/operateur"));

    private static String portal() {
        return Stack.env("ENT_PORTAL_URL");
    }

    @Test
    void everyRoleOpensItsScreensAccessiblyAndNoOneElse() {
        for (Map.Entry<String, List<String>> user : SCREENS.entrySet()) {
            try (Browser browser = new Browser(portal())) {
                String name = user.getKey().replace(".demo", "");
                browser.signIn(user.getKey(), Stack.env("ENT_DEMO_PASSWORD"));
                browser.check("pages-" + name + "-accueil");
                for (String path : user.getValue()) {
                    browser.open(path);
                    assertFalse(browser.driver().getTitle().startsWith("Erreur"), user.getKey() + " " + path + ": "
                            + browser.text());
                    browser.check("pages-" + name + path.replace('/', '-'));
                }
                if (name.equals("enseignant")) {
                    // Readable on a phone: the same screen 390 px wide scrolls down, never sideways.
                    browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
                    browser.open("/enseignant/rentree/recuperation");
                    Object sideways = browser.driver().executeScript(
                            "return document.documentElement.scrollWidth > window.innerWidth;");
                    assertEquals(Boolean.FALSE, sideways, "the page is wider than a phone");
                    browser.check("pages-enseignant-telephone");
                }
                String elsewhere = user.getKey().equals("rectorat.demo") ? "/operateur" : "/rectorat/imports";
                browser.open(elsewhere);
                assertEquals("Erreur", browser.heading(), user.getKey() + " " + elsewhere);
                assertTrue(browser.text().contains("Vous n'avez pas accès"), browser.text());
            }
        }
    }

    @Test
    void badAddressesAreFrenchPagesNeverAStackTrace() {
        try (Browser browser = new Browser(portal())) {
            browser.signIn("rectorat.demo", Stack.env("ENT_DEMO_PASSWORD"));
            browser.open("/rectorat/imports/not-an-id");
            assertTrue(browser.text().contains("n'est pas reconnue"), browser.text());
            assertTrue(browser.driver().getPageSource().contains("Code 400"), browser.driver().getPageSource());
            browser.open("/rectorat/imports/00000000-0000-0000-0000-000000000000");
            assertTrue(browser.text().contains("n'existe pas"), browser.text());
            browser.open("/nulle-part");
            assertTrue(browser.text().contains("Cette page n'existe pas"), browser.text());
            browser.check("pages-erreur-404");
            // A form sent without its CSRF token (as a forged one would be) changes nothing and says so in French.
            browser.open("/rectorat/bascules");
            browser.driver().executeScript("document.querySelectorAll('input[name=\"csrf-token\"]')"
                    + ".forEach(function (i) { i.remove(); });");
            browser.find(By.id("toYear")).sendKeys("2030-2031");
            browser.submit(By.cssSelector("form[action='/rectorat/bascules'] button[type=submit]"),
                    "Le formulaire a expiré");
            assertEquals("Erreur", browser.heading(), browser.text());
            assertTrue(browser.text().contains("Le formulaire a expiré") && browser.text().contains("Rien n'a été modifié"),
                    browser.text());
            assertFalse(browser.driver().getPageSource().contains("Exception"), browser.driver().getPageSource());
        }
    }

    /** Forms sent with values no page offers: a French refusal (4xx) that names the problem, never a 5xx. */
    @Test
    void hostileFormsAreFrenchRefusalsNeverAServerError() {
        String long5000 = "x".repeat(5000);
        Map<String, Map<String, Map<String, String>>> forms = Map.of(
                "enseignant.demo", Map.of(
                        "/enseignant/rentree", Map.of("uai", long5000, "classId", "<script>alert(1)</script>"),
                        "/enseignant/rentree/recuperation", Map.of("spaceId", "pas-un-id", "item", "x"),
                        "/enseignant/rentree/configuration", Map.of("uai", "0750654D", "classId", "C", "name", "",
                                "level", "CP"),
                        "/enseignant/bascule/sauvegarde", Map.of("spaceId", "00000000-0000-0000-0000-000000000000",
                                "item", "00000000-0000-0000-0000-000000000000"),
                        "/feuilles", Map.of("uai", "0750654D", "schoolYear", "2018-2019", "classId", "C",
                                "audience", "tous", "perPage", "3")),
                "rectorat.demo", Map.of(
                        "/rectorat/bascules", Map.of("academyCode", "17", "fromYear", "hier", "toYear", "demain",
                                "when", "later", "at", "le 1er septembre"),
                        "/rectorat/imports/pas-un-id/confirmer", Map.of(),
                        "/operateur/rejouer", Map.of("service", "x", "topic", "y")));
        for (var user : forms.entrySet()) {
            try (Browser browser = new Browser(portal())) {
                browser.signIn(user.getKey(), Stack.env("ENT_DEMO_PASSWORD"));
                for (var form : user.getValue().entrySet()) {
                    HttpResponse<byte[]> answer = browser.post(form.getKey(), form.getValue());
                    String page = new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8);
                    String where = user.getKey() + " POST " + form.getKey() + " " + answer.statusCode() + ": " + page;
                    assertTrue(answer.statusCode() >= 400 && answer.statusCode() < 500, where);
                    assertTrue(page.contains("<h1>Erreur</h1>") && page.contains("lang=\"fr\""), where);
                    assertFalse(page.contains("Exception") || page.contains("<script>alert"), where);
                }
            }
        }
    }

    @Test
    void theAcademicLoginLandsOnTheSameEntAccountAndEveryAnswerCarriesTheSecurityHeaders() {
        String who; // as the ENT account enseignant.demo is shown when it signs in with its ENT password
        try (Browser browser = new Browser(portal())) {
            who = browser.signIn("enseignant.demo", Stack.env("ENT_DEMO_PASSWORD")).find(By.cssSelector(".who"))
                    .getText();
            assertTrue(who.contains("(enseignant·e)"), who);
        }
        try (Browser browser = new Browser(portal())) {
            browser.open("/");
            browser.check("pages-bienvenue");
            browser.driver().findElement(By.linkText("Se connecter avec mon compte académique")).click();
            // Straight to the académie's directory (kc_idp_hint), and back onto the same ENT account (IDN-1).
            browser.find(By.id("username")).sendKeys("enseignant.academie");
            assertTrue(browser.driver().getCurrentUrl().contains("/realms/academie/"), browser.driver()
                    .getCurrentUrl());
            browser.screenshot("pages-connexion-academique");
            browser.driver().findElement(By.id("password")).sendKeys(Stack.env("ENT_DEMO_PASSWORD"));
            browser.driver().findElement(By.id("kc-login")).click();
            browser.awaitText("Bonjour", java.time.Duration.ofSeconds(30));
            assertTrue(browser.driver().getCurrentUrl().startsWith(portal() + "/accueil"), browser.driver()
                    .getCurrentUrl());
            assertEquals(who, browser.find(By.cssSelector(".who")).getText(), "the ENT account of enseignant.demo");
            browser.check("pages-accueil-par-le-compte-academique");
        }
        HttpResponse<String> first = Stack.send(HttpRequest.newBuilder(URI.create(portal() + "/")).GET().build());
        assertEquals(200, first.statusCode());
        String csp = first.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"), csp);
        assertEquals("nosniff", first.headers().firstValue("X-Content-Type-Options").orElse(""));
        HttpResponse<String> signedOut = Stack.send(HttpRequest.newBuilder(URI.create(portal() + "/enseignant"))
                .GET().build());
        assertEquals(302, signedOut.statusCode(), "a signed-out visit goes to Keycloak's login");
        assertTrue(signedOut.headers().firstValue("Location").orElse("").contains("code_challenge_method=S256"),
                signedOut.headers().toString());
    }
}
