-- Notices through group robots (WeCom, DingTalk) and SMS besides email (issue 17): the same outbox, one row per channel.
-- Existing rows are emails. address: the robot's name (its unit) or the mobile number, never a secret (keys and tokens
-- are read from configuration when sending). mentions: the mobile numbers a robot message mentions, comma separated.
alter table notification add column channel varchar(16) default 'EMAIL' not null;
alter table notification add column address varchar(64);
alter table notification add column mentions varchar(500);

create index notification_channel_due on notification (channel, status, next_attempt_at);

-- Robots take about 20 messages a minute: each robot's next send waits until not_before, whichever node sends it.
create table robot_pace (
    robot      varchar(64) not null primary key,
    not_before timestamp   not null
);
