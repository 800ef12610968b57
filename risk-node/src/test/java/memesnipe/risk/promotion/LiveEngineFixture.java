package memesnipe.risk.promotion;

import memesnipe.model.money.Fixed;
import memesnipe.risk.engine.RiskEngine;

import java.util.ArrayList;
import java.util.List;

import static memesnipe.risk.promotion.Pipelines.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** A live engine with the pipeline on, its clock, its ticks and the live breaker's transitions, for the tests. */
abstract class LiveEngineFixture {
    final List<Object> transitions = new ArrayList<>();
    RiskEngine live;
    long now = T0;
    long seq;

    /** A tick of the symbol at the price now; it fires no live order. */
    void tick(String symbol, String price) {
        assertThat(live.onTick(symbol, Fixed.parse(price), 0, ++seq, 0, now, now)).as("live orders").isEmpty();
    }

    ShadowBook shadowBook() {
        return live.promotion().orElseThrow().shadow();
    }
}
