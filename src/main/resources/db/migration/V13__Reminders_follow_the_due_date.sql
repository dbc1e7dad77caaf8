-- Reminders follow each task's current due date (issue 16): the register keeps the next notice of the open task and
-- when it is due; the sweep process (DeadlineWatch) finds the due ones by this index and moves each row on to its next.
-- Rows of tasks opened before this version are scheduled at start-up (startup.ReminderUpgrade).
alter table case_unit add column next_notice varchar(16);
alter table case_unit add column next_notice_at timestamp;
alter table case_problem add column next_notice varchar(16);
alter table case_problem add column next_notice_at timestamp;

create index case_unit_next_notice on case_unit (next_notice, next_notice_at);
create index case_problem_next_notice on case_problem (next_notice, next_notice_at);
