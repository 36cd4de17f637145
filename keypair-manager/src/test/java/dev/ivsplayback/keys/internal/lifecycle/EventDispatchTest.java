package dev.ivsplayback.keys.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivsplayback.keys.PlaybackKeyEvent.Type;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class EventDispatchTest {

  @Test
  void levelOf_alarmsThatStopPlayback_areError() {
    assertThat(EventDispatch.levelOf(Type.FINGERPRINT_MISMATCH)).isEqualTo(Level.ERROR);
    assertThat(EventDispatch.levelOf(Type.ACTIVE_KEY_MISSING_REPLACED)).isEqualTo(Level.ERROR);
  }

  @Test
  void levelOf_failuresAndReconciliationFindings_areAtLeastWarn() {
    assertThat(EventDispatch.levelOf(Type.FAILURE)).isEqualTo(Level.WARN);
    assertThat(EventDispatch.levelOf(Type.KEY_VIEW_AGING)).isEqualTo(Level.WARN);
    Arrays.stream(Type.values())
        .filter(Type::isReconciliationFinding)
        .forEach(
            t ->
                assertThat(EventDispatch.levelOf(t).toInt())
                    .as("%s", t)
                    .isGreaterThanOrEqualTo(Level.WARN.toInt()));
  }

  @Test
  void levelOf_theNormalLifecycle_isInfo() {
    for (Type t : new Type[] {Type.GENERATED, Type.IMPORTED, Type.PROMOTED, Type.ROTATED}) {
      assertThat(EventDispatch.levelOf(t)).as("%s", t).isEqualTo(Level.INFO);
    }
  }
}
