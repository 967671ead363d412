"""The docs keep up with the code: every environment variable settings read is documented."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def variables_read_by_settings() -> set[str]:
    names = set()
    for path in (ROOT / "newsdesk" / "settings").glob("*.py"):
        names |= set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z0-9_]+)"', path.read_text()))
    return names


def test_settings_read_environment_variables():
    assert {"DATABASE_URL", "CACHE_URL", "SECRET_KEY"} <= variables_read_by_settings()


def test_every_variable_is_in_env_example_and_readme():
    example = (ROOT / ".env.example").read_text()
    readme = (ROOT / "README.md").read_text()
    for name in sorted(variables_read_by_settings()):
        assert re.search(rf"^{name}=", example, re.MULTILINE), f"{name} missing in .env.example"
        assert f"`{name}`" in readme, f"{name} missing in the README's configuration table"


def test_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    first_block = readme.split("```", 2)[1]
    assert "make run" in first_block and "make test" in first_block
