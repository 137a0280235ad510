-- The provisioner's index held every account Keycloak had not caught up with, pupils and parents whose users are not
-- wanted yet included: after an académie's import (547,000 accounts) each of its rounds, every 2 s, read some 533,000
-- entries to find none (122 ms), and every new account was written to it. It now holds only the accounts the
-- provisioner must bring to Keycloak: its query (Accounts.toProvision) states the same conditions, which is how
-- PostgreSQL knows it may use it.
DROP INDEX account_to_sync;
CREATE INDEX account_to_sync ON account (person_id) WHERE version > synced_version
    AND (keycloak_id IS NOT NULL OR (state = 'ACTIVE' AND ((kind = 'STAFF' AND cardinality(roles) > 0) OR keycloak_wanted)));
