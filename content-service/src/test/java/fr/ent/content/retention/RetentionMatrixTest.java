package fr.ent.content.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The notice's table, row by row where it says something unusual. */
class RetentionMatrixTest {

    @Test
    void theClassMediaLibraryIsArchivedButGroupAndPartnershipOnesAreDeleted() {
        assertEquals(Optional.of(Fate.ARCHIVE), RetentionMatrix.fate(Application.MEDIATHEQUE, SpaceKind.CLASS));
        assertEquals(Optional.of(Fate.DELETE), RetentionMatrix.fate(Application.MEDIATHEQUE, SpaceKind.WORK_GROUP));
        assertEquals(Optional.of(Fate.DELETE),
                RetentionMatrix.fate(Application.MEDIATHEQUE, SpaceKind.CLASS_PARTNERSHIP));
        assertEquals(Optional.of(Fate.KEEP), RetentionMatrix.fate(Application.MEDIATHEQUE, SpaceKind.PERSONAL));
    }

    @Test
    void blogContestsAndMapPointsOfClassesAreRecoverable() {
        for (Application application : new Application[] {Application.BLOG, Application.CONCOURS_SCOLAIRE, Application.GPS}) {
            assertEquals(Optional.of(Fate.ARCHIVE), RetentionMatrix.fate(application, SpaceKind.CLASS), application.name());
        }
    }

    @Test
    void classNotebooksAgendasAndSearchAreDeletedWhileSchoolOnesStay() {
        assertEquals(Optional.of(Fate.DELETE), RetentionMatrix.fate(Application.CAHIER_DE_TEXTES, SpaceKind.CLASS));
        assertEquals(Optional.of(Fate.DELETE), RetentionMatrix.fate(Application.CAHIER_DE_LIAISON, SpaceKind.CLASS));
        assertEquals(Optional.of(Fate.KEEP), RetentionMatrix.fate(Application.CAHIER_DE_LIAISON, SpaceKind.SCHOOL));
        assertEquals(Optional.of(Fate.DELETE), RetentionMatrix.fate(Application.AGENDA, SpaceKind.CLASS));
        assertEquals(Optional.of(Fate.KEEP), RetentionMatrix.fate(Application.AGENDA, SpaceKind.PERSONAL));
        assertEquals(Optional.of(Fate.DELETE), RetentionMatrix.fate(Application.MOTEUR_DE_RECHERCHE, SpaceKind.CLASS));
    }

    @Test
    void departmentalPartnershipsAreKeptWhole() {
        assertEquals(Optional.of(Fate.KEEP),
                RetentionMatrix.fate(Application.MEDIATHEQUE, SpaceKind.DEPARTMENTAL_PARTNERSHIP));
        assertEquals(Optional.of(Fate.KEEP), RetentionMatrix.fate(Application.BLOG, SpaceKind.DEPARTMENTAL_PARTNERSHIP));
    }

    @Test
    void applicationsWithoutSuchASpaceHaveNoFate() {
        assertEquals(Optional.empty(), RetentionMatrix.fate(Application.MESSAGERIE, SpaceKind.CLASS));
        assertEquals(Optional.empty(), RetentionMatrix.fate(Application.PORTAIL_DE_LA_COMMUNE, SpaceKind.SCHOOL));
        assertEquals(Optional.empty(), RetentionMatrix.fate(Application.BLOG, SpaceKind.TOWN));
    }
}
