package fr.ent.onde.school;

import fr.ent.contracts.onde.SchoolUpserted;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A school as onde-sync-service last published it. */
@Entity
@Table(name = "onde_school")
public class OndeSchool extends PanacheEntityBase {

    @Id
    public String uai;

    public String name;

    public String type;

    @Column(name = "academy_code")
    public String academyCode;

    public String academy;

    public String town;

    public String district;

    public boolean departmental;

    @Column(name = "updated_at")
    public Instant updatedAt;

    SchoolUpserted asEvent() {
        return new SchoolUpserted(uai, name, type, academyCode, academy, town, district, departmental);
    }

    void apply(SchoolUpserted school) {
        uai = school.uai();
        name = school.name();
        type = school.type();
        academyCode = school.academyCode();
        academy = school.academy();
        town = school.town();
        district = school.district();
        departmental = school.departmental();
        updatedAt = Instant.now();
    }
}
