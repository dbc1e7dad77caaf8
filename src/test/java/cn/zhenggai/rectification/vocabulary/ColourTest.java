package cn.zhenggai.rectification.vocabulary;

import static cn.zhenggai.rectification.vocabulary.Colour.BLUE;
import static cn.zhenggai.rectification.vocabulary.Colour.GREEN;
import static cn.zhenggai.rectification.vocabulary.Colour.NONE;
import static cn.zhenggai.rectification.vocabulary.Colour.RED;
import static cn.zhenggai.rectification.vocabulary.Colour.YELLOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColourTest {

  @Test
  void aProblemHasTheWorstColourOfItsUnits() {
    assertThat(Colour.worst(List.of(GREEN, BLUE, YELLOW, RED))).isEqualTo(RED);
    assertThat(Colour.worst(List.of(GREEN, YELLOW, BLUE))).isEqualTo(YELLOW);
    assertThat(Colour.worst(List.of(GREEN, BLUE))).isEqualTo(BLUE);
    assertThat(Colour.worst(List.of(GREEN, NONE))).as("one unit still at work").isEqualTo(NONE);
    assertThat(Colour.worst(List.of(GREEN, GREEN))).isEqualTo(GREEN);
    assertThat(Colour.worst(List.of())).isEqualTo(NONE);
  }
}
