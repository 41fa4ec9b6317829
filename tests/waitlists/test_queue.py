"""The queue formulas against the worked example of Fong et al. 2022 and cases worked by hand.

The paper's running example is a priority-4 ENT waiting list: 30 referrals and
27 operations a week, 1 200 waiting, a 52-week target, a mean wait of 63 weeks
(61 in one version of the text), and a P2 list of 220 waiting with a 4-week
target and a 24-week mean wait.
"""

import math

import pytest

from waitlists import queue

ENT = {"demand": 30, "capacity": 27, "queue_size": 1200, "target_wait": 52}


def test_the_ent_list_is_overloaded_by_a_ninth():
    assert queue.queue_load(demand=30, capacity=27) == pytest.approx(1.1111, abs=1e-4)


def test_a_52_week_target_means_a_13_week_mean_wait_and_a_queue_of_390():
    assert queue.target_mean_wait(target_wait=52) == 13
    assert queue.target_queue_size(demand=30, target_wait=52) == 390


def test_relief_capacity_brings_1200_down_to_390_in_26_weeks_at_61_15_a_week():
    relief = queue.relief_capacity(
        demand=30, queue_size=1200, target_queue_size=390, weeks_to_target=26
    )
    assert relief == pytest.approx(61.1538, abs=1e-4)


@pytest.mark.parametrize(
    ("factor", "expected"),
    # The paper's F = 1 and F = 6.58 with cv = 1, and our default F = 4: 30 + 4/52.
    [(1, 30.01923), (6.58, 30.12654), (4, 30.07692)],
)
def test_target_capacity_is_demand_plus_a_variability_margin(factor, expected):
    assert queue.target_capacity(demand=30, target_wait=52, factor=factor) == pytest.approx(
        expected, abs=1e-5
    )


def test_waiting_list_pressure_of_the_p4_and_p2_lists():
    assert queue.waiting_list_pressure(mean_wait=63, target_wait=52) == pytest.approx(
        2.4231, abs=1e-4
    )
    assert queue.waiting_list_pressure(mean_wait=61, target_wait=52) == pytest.approx(
        2.3462, abs=1e-4
    )
    assert queue.waiting_list_pressure(mean_wait=24, target_wait=4) == 12


def test_queue_model_gives_every_figure_of_the_ent_example_at_once():
    model = queue.queue_model(**ENT, mean_wait=63)
    assert model.queue_load == pytest.approx(1.1111, abs=1e-4)
    assert model.target_queue_size == 390
    assert model.queue_ratio == pytest.approx(3.0769, abs=1e-4)
    assert model.relief_capacity == pytest.approx(61.1538, abs=1e-4)
    assert model.required_pace == model.relief_capacity
    assert model.waiting_list_pressure == pytest.approx(2.4231, abs=1e-4)


def test_by_hand_a_care_guarantee_list_below_target_needs_only_its_target_capacity():
    # 20 a week, 90 days = 90/7 weeks: target queue 20 × 90/7 / 4 = 64.29; 40 waiting is below it.
    # Relief = 20 + (40 − 64.29)/26 = 19.07 < target capacity = 20 + 1 × 4 / (90/7) = 20.311.
    model = queue.queue_model(demand=20, capacity=22, queue_size=40, target_wait=90 / 7)
    assert model.target_queue_size == pytest.approx(64.2857, abs=1e-4)
    assert model.relief_capacity == pytest.approx(19.0659, abs=1e-4)
    assert model.target_capacity == pytest.approx(20.3111, abs=1e-4)
    assert model.required_pace == model.target_capacity
    assert model.waiting_list_pressure is None


def test_by_hand_steadier_flows_need_less_margin():
    # cv 0.5 and 0.3: (0.25 + 0.09)/2 = 0.17; × 4/13 = 0.0523.
    capacity = queue.target_capacity(demand=10, target_wait=13, cv_demand=0.5, cv_capacity=0.3)
    assert capacity == pytest.approx(10.0523, abs=1e-4)


def test_without_capacity_the_load_is_unknown_not_infinite():
    assert queue.queue_model(demand=5, capacity=0, queue_size=10, target_wait=12).queue_load is None


def test_the_dispersion_cv_is_one_for_poisson_like_counts_and_zero_for_a_steady_stream():
    assert queue.dispersion_cv([10, 10, 10, 10]) == 0
    # Mean 10, sample variance 10: exactly Poisson-like.
    counts = [6, 14, 10, 7, 13]
    assert sum(counts) / 5 == 10
    variance = sum((c - 10) ** 2 for c in counts) / 4
    assert queue.dispersion_cv(counts) == pytest.approx(math.sqrt(variance / 10))
    assert queue.dispersion_cv([3]) is None
    assert queue.dispersion_cv([0, 0]) is None
