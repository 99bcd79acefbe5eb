"""warta.chartdata: the one data function behind the CLI's PNG, the dashboard's SVG and the map."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.chartdata import NoChartData, dyad_series, entity_series, month_span, monthly
from warta.cli import main
from warta.store import Store


def test_months_are_a_true_time_axis_with_gaps() -> None:
    events = [{"date": "2019-11-03", "quad": "verbal_coop", "goldstein": 3.0},
              {"date": "2019-11-20", "quad": "material_conflict", "goldstein": -9.0},
              {"date": "2020-02", "quad": "verbal_conflict", "goldstein": None},
              {"date": "2021", "quad": "verbal_coop", "goldstein": 1.0}]  # year only: no month to count it in
    months = monthly(events)
    assert [m.month for m in months] == ["2019-11", "2019-12", "2020-01", "2020-02"]
    assert [(m.events, m.coop, m.conflict) for m in months] == [(2, 1, 1), (0, 0, 0), (0, 0, 0), (1, 0, 1)]
    assert [m.goldstein for m in months] == [-3.0, None, None, None]  # a month without scores is a gap


def test_empty_and_odd_inputs() -> None:
    assert monthly([]) == []
    assert monthly([{"date": None}, {"date": "2023"}, {"date": "2023-13-01"}]) == []
    assert month_span(["2022-12", "2023-02"]) == ["2022-12", "2023-01", "2023-02"]
    assert month_span(["(undated)"]) == []


def test_unknown_or_empty_dyad_is_an_error_with_a_hint(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.db") as store:
        with pytest.raises(NoChartData, match="no country 'XXX'") as info:
            dyad_series(store, "XXX", "RUS")
        assert "alpha-3" in info.value.hint
        with pytest.raises(NoChartData, match="no dated events between RUS and CHN"):
            dyad_series(store, "Rusia", "CHN")  # names resolve to codes
        with pytest.raises(NoChartData, match="no entity"):
            entity_series(store, "Tidak Ada Orang Ini")


def test_cli_plot_of_unknown_dyad_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.db"
    Store(db).close()
    out = tmp_path / "t.png"
    assert main(["plot", "dyad", "XXX", "YYY", "--db", str(db), "--out", str(out)]) == 1
    assert "no country 'XXX'" in capsys.readouterr().err
    assert not out.exists()


def test_png_labels_in_either_language() -> None:
    from warta.web.i18n import chart_labels

    indonesian, english = chart_labels("id"), chart_labels("en")
    assert (indonesian["events"], english["events"]) == ("peristiwa", "events")
    assert indonesian["verbal_coop"] == "kerja sama verbal" and english["verbal_coop"] == "verbal cooperation"
    assert indonesian["dyad_title"] % {"pair": "RUS–CHN"} == "RUS–CHN: kerja sama dan konflik per bulan"
