package fr.ent.onde.generator;

import java.util.List;
import java.util.Random;

/** French names as ONDE holds them: accents, hyphens, apostrophes, particles, and homonyms by construction. */
final class Names {

    static final List<String> LAST = List.of("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
            "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand",
            "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont", "Lambert",
            "Bonnet", "François", "Martinez", "N'Diaye", "Le Gall", "Le Goff", "D'Almeida", "De La Fontaine",
            "Benoît-Durand", "Nguyen", "Traoré", "Ben Saïd", "Kowalski", "Gauthier-Lemaître", "Chevalier", "Muller",
            "O'Neill", "Leclerc", "Hoarau", "Payet", "Cissé", "Da Silva", "Perrin");
    static final List<String> GIRLS = List.of("Léa", "Chloé", "Emma", "Inès", "Zoé", "Jade", "Louise", "Anaïs",
            "Maëlys", "Manon", "Camille", "Lina", "Agathe", "Héloïse", "Marie-Lou", "Anne-Sophie", "Noémie", "Océane",
            "Aïcha", "Éloïse", "Capucine", "Adèle");
    static final List<String> BOYS = List.of("Lucas", "Hugo", "Noé", "Maël", "Léo", "Louis", "Jules", "Gabriel",
            "Raphaël", "Arthur", "Nathan", "Théo", "Jean-Baptiste", "Loïc", "Mathéo", "Yanis", "Timothée", "Côme",
            "Éthan", "Moussa", "Paul-Henri", "Anatole");
    static final List<String> TOWNS = List.of("Nantes", "Saint-Nazaire", "La Roche-sur-Yon", "Cholet", "Laval",
            "Le Mans", "Angers", "Saint-Herblain", "Rezé", "Les Sables-d'Olonne", "Château-Gontier", "Saumur",
            "La Flèche", "Pornic", "Guérande", "L'Île-d'Yeu");
    static final List<String> SCHOOLS = List.of("Jules Ferry", "Jean Jaurès", "Victor Hugo", "Jacques Prévert",
            "Marie Curie", "Louis Pasteur", "Jean de La Fontaine", "Les Tilleuls", "Les Châtaigniers", "Le Petit Prince",
            "Simone Veil", "Anne Frank", "Paul Éluard", "Saint-Exupéry", "Les Marronniers", "Le Bocage");

    private Names() {
    }

    static String pick(List<String> names, Random random) {
        return names.get(random.nextInt(names.size()));
    }
}
