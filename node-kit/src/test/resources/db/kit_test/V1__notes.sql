CREATE TABLE notes (id bigint PRIMARY KEY, amount_e8 bigint NOT NULL);
