-- Claims, completions and deadline cards find their register row by the open task: without these, every one of them
-- read the whole register.
create index case_unit_task on case_unit (task_id);
create index case_problem_task on case_problem (task_id);
