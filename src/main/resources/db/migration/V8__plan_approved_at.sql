-- When the unit's plan was approved: the ledger shows the days from assignment (started_at) to approval, which a return
-- lengthens. Plans approved before this column existed take the time of their last approval from the timeline.
alter table case_unit add column plan_approved_at timestamp;

update case_unit set plan_approved_at = (
  select max(e.occurred_at) from case_event e
  where e.problem_id = case_unit.problem_id and e.unit_id = case_unit.unit_id and e.kind = 'PLAN_APPROVED');
