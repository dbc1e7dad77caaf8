package cn.zhenggai.rectification.rounds;

/** Who does something to a round: the signed-in supervisor (or the seed loader, as {@code system}). */
public record Actor(String id, String name) {

  static final Actor SEED_LOADER = new Actor("system", "系统（演示批次）");
}
