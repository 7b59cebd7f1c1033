"""Templates compiled once per process (`CompiledTemplates`), with real Jinja:
MkDocs makes a new environment for every build and sets it up the same way."""

from __future__ import annotations

import jinja2
import pytest

from zhdocs.mkdocs_plugin import CompiledTemplates

TEMPLATES = {"page.html": "{{ title | shout }}", "plain.html": "{{ title }}"}


def _environment(cache: CompiledTemplates, templates: dict[str, str],
                 **filters: object) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader(templates), bytecode_cache=cache)
    env.filters.update(filters)
    return env


def _shout(text: str) -> str:
    return text.upper() + "！"


def test_a_new_environment_set_up_alike_reuses_the_compiled_templates() -> None:
    cache = CompiledTemplates()
    first = _environment(cache, TEMPLATES, shout=_shout).get_template("page.html").render(title="notice")
    assert cache.report() == "templates compiled 1, reused 0"
    again = _environment(cache, TEMPLATES, shout=_shout).get_template("page.html").render(title="notice")
    assert cache.report() == "templates compiled 0, reused 1"
    assert first == again == "NOTICE！"


def test_an_edited_template_is_compiled_anew() -> None:
    cache = CompiledTemplates()
    _environment(cache, TEMPLATES).get_template("plain.html").render(title="x")
    edited = {**TEMPLATES, "plain.html": "[{{ title }}]"}
    assert _environment(cache, edited).get_template("plain.html").render(title="x") == "[x]"
    assert cache.report() == "templates compiled 2, reused 0"


def test_a_template_meeting_a_new_filter_is_compiled_anew() -> None:
    """Compiled without the filter, its code fails where the filter is used; a hook
    edited while serving may add it, and the next build must see it."""
    cache = CompiledTemplates()
    guarded = {"page.html": "{% if title %}{{ title | shout }}{% endif %}"}
    with pytest.raises(jinja2.TemplateRuntimeError, match="shout"):
        _environment(cache, guarded).get_template("page.html").render(title="x")
    assert _environment(cache, guarded, shout=_shout).get_template("page.html").render(title="x") == "X！"
    assert cache.report() == "templates compiled 2, reused 0"
