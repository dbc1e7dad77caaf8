-- When the unit's plan was approved: the ledger shows the days from assignment (started_at) to approval, which a return
-- lengthens.
alter table case_unit add column plan_approved_at timestamp;
