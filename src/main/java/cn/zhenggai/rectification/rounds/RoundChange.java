package cn.zhenggai.rectification.rounds;

import java.time.Instant;

/** One line of a round's log: who did what to it, and when. */
public record RoundChange(String actorId, String actorName, String what, Instant occurredAt) {}
