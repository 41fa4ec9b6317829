"""The what-if simulation: the queue recursion without loops, and what the band means."""

import numpy as np
import pytest

from waitlists import queue
from waitlists.projection import project_queue, reflected_walk


def loop(start, increments):
    path, q = [start], start
    for x in increments:
        q = max(0.0, q + x)
        path.append(q)
    return path


def test_the_vectorised_walk_equals_the_week_by_week_loop_including_an_empty_queue():
    rng = np.random.default_rng(3)
    increments = rng.normal(0, 8, size=(50, 30))
    starts = rng.uniform(0, 40, size=50)
    paths = reflected_walk(starts, increments)
    assert paths.shape == (50, 31)
    for i in range(50):
        assert paths[i] == pytest.approx(loop(starts[i], increments[i]))
    assert reflected_walk(3.0, np.array([-5.0, 3, -10, 4])).tolist() == [3, 0, 3, 0, 4]


def test_without_variation_every_run_is_the_expected_path():
    result = project_queue(
        queue_size=100,
        demand=10,
        capacity=[15] * 12,
        target_queue=40,
        cv_demand=0,
        cv_capacity=0,
        runs=200,
    )
    assert result.expected.tolist() == [100 - 5 * w for w in range(13)]
    assert result.low.tolist() == result.high.tolist() == result.expected.tolist()
    # 100 − 5w ≤ 40 first at w = 12.
    assert result.week_median_at_target == result.week_confident_at_target == 12


def test_the_ent_list_at_relief_capacity_reaches_its_target_around_week_26():
    relief = queue.relief_capacity(
        demand=30, queue_size=1200, target_queue_size=390, weeks_to_target=26
    )
    result = project_queue(queue_size=1200, demand=30, capacity=[relief] * 52, target_queue=390)
    assert result.expected[26] == pytest.approx(390, abs=0.01)
    assert 24 <= result.week_median_at_target <= 28
    assert result.low[26] < 390 < result.high[26]
    assert result.runs == 1000


def test_at_its_current_capacity_the_ent_list_never_reaches_its_target():
    result = project_queue(queue_size=1200, demand=30, capacity=[27] * 52, target_queue=390)
    assert result.week_median_at_target is None
    assert result.median[-1] > 1200


def test_the_same_question_gives_the_same_band():
    a = project_queue(queue_size=50, demand=8, capacity=[9] * 20, target_queue=20)
    b = project_queue(queue_size=50, demand=8, capacity=[9] * 20, target_queue=20)
    assert a.median.tolist() == b.median.tolist()
