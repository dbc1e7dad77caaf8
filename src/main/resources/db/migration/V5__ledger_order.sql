-- The ledger sorts by these without sorting the whole register: returns as a column of its own, and indexes in the
-- ledger's orders (problem and unit, returns, due date).
alter table case_unit add column returns_total integer default 0 not null;
update case_unit set returns_total = plan_returns + rectification_returns;
create index case_unit_returns on case_unit (returns_total, problem_id, unit_id);
create index case_unit_due_order on case_unit (due_at, problem_id, unit_id);
drop index case_unit_due;
