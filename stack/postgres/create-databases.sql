-- docker-compose only: one database per service, as ./ent up makes them.
CREATE DATABASE onde_sync;
CREATE DATABASE class_service;
CREATE DATABASE identity_service;
CREATE DATABASE content_service;
CREATE DATABASE rollover_service;
