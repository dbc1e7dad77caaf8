-- Nodes starting together take turns loading the seeds (identity, grants, filters, cases): the first locks this row.
create table app_lock (
    name varchar(64) not null primary key
);
insert into app_lock (name) values ('seeding');
