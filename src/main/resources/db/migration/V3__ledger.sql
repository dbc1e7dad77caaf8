-- What the ledger (整改台账) shows of each unit's rectification, kept with the register.
alter table case_unit add column plan_measures varchar(4000);
alter table case_unit add column responsible_person varchar(100);
alter table case_unit add column plan_target_date date;
alter table case_unit add column progress varchar(4000);

create index case_unit_unit on case_unit (unit_id);
create index case_unit_stage_status on case_unit (stage, status);
create index case_unit_due on case_unit (due_at);
