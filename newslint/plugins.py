"""Plugin loading: core plugins, the ``newslint`` entry-point group, and local plugins from config."""
from __future__ import annotations

import importlib
import os
import sys
import pluggy

from . import hookspecs
from .config import Config
from .errors import UsageError
from .inputs import register_suffixes
from .registry import Registry
from .rules import Rule

hookimpl = pluggy.HookimplMarker("newslint")
ENTRY_POINT_GROUP = "newslint"
CORE_PLUGINS = (
    "newslint.parsers.text", "newslint.parsers.markdown", "newslint.parsers.html", "newslint.parsers.jsonfmt",
    "newslint.formats", "newslint.suppression",
)


def _scan_entry_points() -> list[list[str]]:
    from importlib.metadata import entry_points

    found = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        dist = getattr(ep, "dist", None)
        found.append([ep.name, ep.value, dist.metadata["Name"] if dist is not None else "?",
                      dist.version if dist is not None else "?"])
    return found


def _path_state() -> list[str]:
    """What the installed distributions depend on: each folder on ``sys.path`` with its mtime.

    The working folder (``''`` or its path, first on ``sys.path`` under ``python -m``) is keyed
    by its absolute path and the distributions in it instead: its mtime changes with every file
    written there (a report, an edit), which made each such run scan again and leave one more
    cache file behind.
    """
    cwd = os.getcwd()
    state = []
    for entry in sys.path:
        try:
            if not entry or os.path.abspath(entry) == cwd:
                dists = sorted(n for n in os.listdir(cwd) if n.endswith((".dist-info", ".egg-info", ".egg-link")))
                state.append(f"cwd:{cwd}\0" + "\0".join(f"{n}\0{os.stat(os.path.join(cwd, n)).st_mtime_ns}"
                                                           for n in dists))
            else:
                state.append(f"{entry}\0{os.stat(entry).st_mtime_ns}")
        except OSError:
            continue
    return state


def discovered_entry_points() -> list[list[str]]:
    """``[name, value, distribution, version]`` of every ``newslint`` entry point.

    Scanning installed distributions costs more than the rest of a one-file run, so the result
    is cached on disk, keyed by the modification times of the folders on ``sys.path`` (installing
    or removing a distribution changes them). ``NEWSLINT_NO_PLUGIN_CACHE=1`` turns the cache off.
    """
    if os.environ.get("NEWSLINT_NO_PLUGIN_CACHE") == "1":
        return _scan_entry_points()
    import zlib

    from . import diskcache

    key = f"{sys.version_info[:2]}-{zlib.crc32(chr(1).join(_path_state()).encode('utf-8', 'surrogatepass')):08x}"
    name = f"entry-points-{key}.marshal"
    cached = diskcache.read(name)
    if isinstance(cached, list):
        return cached
    found = _scan_entry_points()
    diskcache.write(name, [[str(field) for field in row] for row in found], family="entry-points-")
    return found


def _load_entry_points(pm: pluggy.PluginManager, config: Config, registry: Registry) -> None:
    disabled = set(config.disable_plugins)
    for name, value, dist_name, version in discovered_entry_points():
        if name in disabled or dist_name in disabled or pm.has_plugin(name):
            continue
        try:
            module_name, _, attr = value.partition(":")
            plugin = importlib.import_module(module_name.strip())
            for part in filter(None, attr.strip().split(".")):
                plugin = getattr(plugin, part)
        except Exception as exc:  # a broken third-party plugin must not look like a newslint crash
            raise UsageError(
                f"plugin {name!r} from {dist_name} {version} failed to import: {type(exc).__name__}: {exc}"
            ) from exc
        pm.register(plugin, name=name)
        registry.plugin_names[name] = f"{dist_name}[{name}]"
        registry.distributions.append((name, dist_name, version))


def _load_local_plugins(pm: pluggy.PluginManager, config: Config, registry: Registry) -> None:
    root = config.root or "."
    for spec in dict.fromkeys(config.plugins):  # a plugin listed twice is loaded once
        try:
            if spec.endswith(".py") or os.sep in spec or "/" in spec:
                file = os.path.realpath(os.path.join(root, spec))
                if not os.path.isfile(file):
                    raise UsageError(f"{config.path}: plugins: local plugin file {spec!r} not found")
                import importlib.util  # local plugin files only

                mod_name = f"newslint_local_{os.path.splitext(os.path.basename(file))[0]}"
                module_spec = importlib.util.spec_from_file_location(mod_name, file)
                assert module_spec and module_spec.loader
                module = importlib.util.module_from_spec(module_spec)
                sys.modules[mod_name] = module
                module_spec.loader.exec_module(module)
            else:
                added = os.path.realpath(root)
                sys.path.insert(0, added)
                try:
                    module = importlib.import_module(spec)
                finally:
                    if added in sys.path:
                        sys.path.remove(added)
        except UsageError:
            raise
        except Exception as exc:
            raise UsageError(f"{config.path}: plugins: local plugin {spec!r} failed to import: {type(exc).__name__}: {exc}") from exc
        if not pm.is_registered(module):
            pm.register(module, name=spec)
            registry.plugin_names[spec] = f"local:{spec}"
            registry.distributions.append((spec, f"local:{spec}", "-"))


def _collect_rules(registry: Registry) -> None:
    owner: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for plugin, rules in registry.rule_hooks():
        for rule in rules:
            if not (isinstance(rule, type) and issubclass(rule, Rule)):
                raise UsageError(f"plugin {plugin} registered {rule!r}, which is not a newslint.Rule subclass")
            problems = rule.validate()
            if problems:
                raise UsageError(f"plugin {plugin}: rule {rule.__name__}: " + "; ".join(problems))
            if rule.code in owner:
                raise UsageError(f"rule code {rule.code} is claimed by both {owner[rule.code]} and {plugin}")
            if rule.name in by_name:
                raise UsageError(f"rule name {rule.name!r} is claimed by both {by_name[rule.name]} and {plugin}")
            owner[rule.code] = by_name[rule.name] = plugin
            rule.plugin = plugin
            registry.rules[rule.code] = rule
    registry.rules = dict(sorted(registry.rules.items()))


_CACHE: dict[tuple, Registry] = {}


def core_registry() -> Registry:
    """A plugin manager with only newslint's own parsers and formats (no rules, no entry points)."""
    pm = pluggy.PluginManager("newslint")
    pm.add_hookspecs(hookspecs)
    registry = Registry(pm)
    for name in CORE_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
        registry.plugin_names[name] = "newslint"
    if os.environ.get("NEWSLINT_TRACE_PLUGINS") == "1":
        pm.trace.root.setwriter(sys.stderr.write)
        pm.enable_tracing()
    return registry


def load_registry(config: Config) -> Registry:
    """Build (once per distinct plugin setup) the plugin manager and the rule registry."""
    key = (tuple(config.plugins), tuple(config.disable_plugins), str(config.root))
    if key in _CACHE:
        registry = _CACHE[key]
    else:
        registry = core_registry()
        _load_entry_points(registry.pm, config, registry)
        _load_local_plugins(registry.pm, config, registry)
        registry.pm.check_pending()
        _collect_rules(registry)
        register_suffixes(registry.extensions())
        _CACHE[key] = registry
    loaded = {n for n, *_ in registry.distributions} | {d for _, d, _ in registry.distributions}
    for required in config.require_plugins:
        if required not in loaded:
            raise UsageError(f"{config.path or 'config'}: require-plugins: plugin {required!r} is not installed")
    return registry
