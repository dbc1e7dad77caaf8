-- When a case ended (issue 18): its RectificationCase process ended, after the look-back found it consolidated, or
-- withdrawn, carried over or deleted. Everything of the case is kept rectification.retention after this moment, then
-- removed with its Camunda history; from now on that includes its evidence files (V12's "kept for good" no longer
-- holds). Cases that ended before this version: their closing date is the best estimate there is (a case still waiting
-- for its look-back gets the real moment when it ends).
alter table case_problem add column ended_at timestamp;
update case_problem set ended_at = closed_at where status <> 'OPEN';
create index case_problem_ended on case_problem (ended_at);
