from pathlib import Path

import pytest

from referee.config import load_config
from referee.errors import RefereeError


def test_missing_config_is_empty(tmp_path: Path) -> None:
    config = load_config(tmp_path / "nope.toml")
    assert config.keys == {} and config.refcheck == {}


def test_keys_are_read_and_spaces_stripped(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[keys]\nmark-supported = "s, y"\n[refcheck]\nmailto = "a@b.org"\n')
    config = load_config(path)
    assert config.keys == {"mark-supported": "s,y"}
    assert config.refcheck["mailto"] == "a@b.org"


@pytest.mark.parametrize("body", ["[keys\n", "keys = 3\n", "[keys]\nquit = 3\n", "refcheck = 1\n"])
def test_bad_config_is_a_clear_error(tmp_path: Path, body: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(body)
    with pytest.raises(RefereeError, match=r"config\.toml"):
        load_config(path)


def test_env_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[keys]\nquit = "ctrl+q"\n')
    monkeypatch.setenv("REFEREE_CONFIG", str(path))
    assert load_config().keys == {"quit": "ctrl+q"}


def test_after_verdict_is_next_or_next_unreviewed(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    assert load_config(path).after_verdict == "next"
    path.write_text('[review]\nafter_verdict = "next-unreviewed"\n', encoding="utf-8")
    assert load_config(path).after_verdict == "next-unreviewed"
    path.write_text('[review]\nafter_verdict = "random"\n', encoding="utf-8")
    with pytest.raises(RefereeError, match="after_verdict"):
        load_config(path)
