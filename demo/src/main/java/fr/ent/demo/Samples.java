package fr.ent.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a teacher of a CE1 class writes in each application during the year: the items the demo creates. */
final class Samples {

    private Samples() {
    }

    /** The class's photos, drawn here: "sortie-jardin.png", "carnaval.png", written into {@code folder}. */
    static java.nio.file.Path photo(java.nio.file.Path folder, int n) {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(480, 320,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(n == 1 ? new java.awt.Color(0x7FB77E) : new java.awt.Color(0xF2C14E));
        g.fillRect(0, 0, 480, 320);
        g.setColor(java.awt.Color.WHITE);
        for (int k = 0; k < 12; k++) {
            g.fillOval(30 + 36 * k, 120 + (k % 3) * 40, 28, 28);
        }
        g.dispose();
        try {
            java.nio.file.Files.createDirectories(folder);
            java.nio.file.Path file = folder.resolve(n == 1 ? "sortie-jardin.png" : "carnaval.png");
            javax.imageio.ImageIO.write(image, "png", file.toFile());
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Map<String, Object> item(String application, int n) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("application", application);
        switch (application) {
            case "BLOG" -> {
                item.put("title", n == 1 ? "Notre sortie au jardin des plantes" : "Le carnaval de l'école");
                item.put("body", "<p>Les élèves ont raconté la journée, photos à l'appui.</p>");
                item.put("data", Map.of("category", n == 1 ? "Sorties" : "Fêtes"));
            }
            case "CONCOURS_SCOLAIRE" -> {
                item.put("title", n == 1 ? "Concours de poésie" : "Rallye calcul mental");
                item.put("body", "Règlement et productions de la classe.");
            }
            case "GPS" -> {
                item.put("title", n == 1 ? "La mairie" : "Le lavoir");
                item.put("data", Map.of("lat", 47.2184 + n / 1000.0, "lon", -1.5536 - n / 1000.0));
            }
            case "CAHIER_DE_TEXTES" -> {
                item.put("title", n == 1 ? "Lundi : lecture p. 12" : "Jeudi : poésie à apprendre");
                item.put("body", "Pour la semaine prochaine.");
                item.put("data", Map.of("day", n == 1 ? "2017-09-11" : "2017-09-14"));
            }
            case "CAHIER_DE_LIAISON" -> {
                item.put("title", n == 1 ? "Réunion de rentrée" : "Sortie : autorisation à signer");
                item.put("body", "Merci de signer avant vendredi.");
            }
            case "AGENDA" -> {
                item.put("title", n == 1 ? "Photo de classe" : "Spectacle de fin d'année");
                item.put("data", Map.of("start", n == 1 ? "2017-10-12T09:00:00+02:00" : "2018-06-22T18:00:00+02:00"));
            }
            case "MINISITE" -> {
                item.put("title", n == 1 ? "Accueil du mini-site" : "Nos projets");
                item.put("body", "<p>Bienvenue sur le site de la classe.</p>");
            }
            default -> item.put("title", application.toLowerCase().replace('_', ' ') + " " + n);
        }
        return item;
    }
}
