"""Render docs/rules.md from the rule docstrings: `python docs/gen_rules.py` (a test checks it is current)."""
from __future__ import annotations

from pathlib import Path

from newslint.config import Config
from newslint.plugins import load_registry


def render() -> str:
    rules = load_registry(Config(disable_plugins=[])).rules
    out = ["# Built-in rules", "", "Generated from the rule docstrings by `python docs/gen_rules.py`; "
           "`newslint rule CODE` prints the same text.", ""]
    for code, rule in rules.items():
        if not (rule.plugin == "newslint" or rule.plugin.startswith("newslint[")):
            continue
        out.append(f'<a id="{code.lower()}"></a>')
        out.append(f"## {code} {rule.name}")
        out.append("")
        opt = " · **opt-in** (enable with `extend-select`)" if getattr(rule, "opt_in", False) else ""
        fix = f" · fix: `{rule.fix}`, {rule.fix_safety}" if getattr(rule, "fix", None) else ""
        out.append(f"Default severity: `{rule.severity}`{opt}{fix}")
        out.append("")
        out.append(rule.doc().replace("\n## ", "\n### "))
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    Path(__file__).with_name("rules.md").write_text(render(), encoding="utf-8")
